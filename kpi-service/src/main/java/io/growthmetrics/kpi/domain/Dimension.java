package io.growthmetrics.kpi.domain;

import java.util.Locale;

/** What the installations can be broken down by, and which ping field each reads. */
public enum Dimension {
    DRIVER,   // platform.config.driver
    OS,       // os.type
    VERSION,  // env.flowforge
    NODEJS,   // env.nodejs
    LICENSE;  // platform.license.type

    /** The name used in the views and the API: driver, os, version, nodejs, license. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
