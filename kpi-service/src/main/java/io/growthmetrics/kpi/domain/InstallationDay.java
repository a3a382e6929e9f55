package io.growthmetrics.kpi.domain;

import java.time.LocalDate;

/**
 * An installation as its latest ping of one UTC day describes it. The attributes are already normalized:
 * absent values read "unknown", absent counts 0.
 */
public record InstallationDay(
        LocalDate day,
        String instanceId,
        String driver,
        String osType,
        String platformVersion,
        String nodejsVersion,
        String licenseType,
        long hostedInstances,
        long remoteInstances) {

    public static final String UNKNOWN = "unknown";

    /**
     * Developer builds (a version ending in -git, run from a git checkout) and test platforms (the stub driver)
     * are not real installations: they are left out of the headline figures.
     */
    public boolean isDev() {
        return platformVersion.endsWith("-git") || "stub".equals(driver);
    }

    public String valueOf(Dimension dimension) {
        return switch (dimension) {
            case DRIVER -> driver;
            case OS -> osType;
            case VERSION -> platformVersion;
            case NODEJS -> nodejsVersion;
            case LICENSE -> licenseType;
        };
    }
}
