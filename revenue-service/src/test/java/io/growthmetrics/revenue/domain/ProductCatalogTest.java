package io.growthmetrics.revenue.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProductCatalogTest {

    @Test
    void pairsAreParsedInOrderWithBlanksTrimmed() {
        ProductCatalog catalog = ProductCatalog.parse(" prod_A = FlowFuse Cloud - Starter ,prod_B=Pro - Small Instance Add-On,, ");
        assertEquals(List.of("prod_A", "prod_B"), List.copyOf(catalog.products().keySet()));
        assertEquals("FlowFuse Cloud - Starter", catalog.products().get("prod_A"));
        assertEquals("Pro - Small Instance Add-On", catalog.products().get("prod_B"));
        assertTrue(catalog.contains("prod_B"));
        assertFalse(catalog.contains("prod_C"));
    }

    @Test
    void aNameMayContainEqualsSigns() {
        assertEquals("A = B", ProductCatalog.parse("prod_x=A = B").products().get("prod_x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "prod_a                           | entry 1 'prod_a' is not productId=Display Name",
            "prod_a=Starter,=Nameless         | entry 2 '=Nameless' has no valid product id",
            "prod_a=                          | entry 1 'prod_a=' has no display name",
            "prod a=Starter                   | entry 1 'prod a=Starter' has no valid product id",
            "prod_a=Starter,prod_a=Again      | product id prod_a is listed twice",
            "' , ,'                           | lists no product",
            "''                               | is empty",
    })
    void malformedConfigurationIsRefusedWithAClearMessage(String config, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductCatalog.parse(config));
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
        assertTrue(e.getMessage().contains("REVENUE_SELF_SERVICE_PRODUCTS"), e.getMessage());
    }

    @Test
    void theDefaultInApplicationPropertiesListsTheEightHandbookProducts() throws Exception {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(in);
        }
        String value = props.getProperty("revenue.self-service.products");
        String defaults = value.substring(value.indexOf(':') + 1, value.length() - 1);
        ProductCatalog catalog = ProductCatalog.parse(defaults);
        assertEquals(8, catalog.products().size());
        assertEquals(List.of("FlowFuse Cloud - Starter", "Starter - Small Instance Add-On",
                "Starter - Remote Instance Add-On", "FlowFuse Pro Platform - Cloud", "Pro - Small Instance Add-On",
                "Pro - Medium Instance Add-On", "Pro - Large Instance Add-On", "Pro - Remote Instance Add-On"),
                List.copyOf(catalog.products().values()));
    }
}
