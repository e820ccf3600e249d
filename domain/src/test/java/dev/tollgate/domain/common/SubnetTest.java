package dev.tollgate.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.1.7, 192.168.1.7, true",
        "192.168.1.7, 192.168.1.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "::1/128, 0:0:0:0:0:0:0:1, true",
        "::1/128, 127.0.0.1, false",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
        "10.0.0.0/8, not-an-address, false",
    })
    void givenASubnet_whenCheckingAnAddress_thenContainedOnlyInsideTheBlock(
            String subnet, String address, boolean contained) {
        // given
        Subnet s = Subnet.parse("subnets", subnet);

        // when / then
        assertThat(s.contains(address)).isEqualTo(contained);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "10.0.0",
                "10.0.0.0.0",
                "256.1.1.1",
                "010.1.1.1",
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/",
                "2001:db8::/129",
                "fe80::1%eth0",
                "1.2.3.4/8",
                "",
                " "
            })
    void givenNoCidrBlock_whenParsing_thenInvalidValueQuotingTheEntry(String text) {
        assertThatThrownBy(() -> Subnet.parse("subnets", text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("'" + text.trim() + "'");
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "2001:DB8::/32, 2001:db8::/32",
        "127.0.0.1, 127.0.0.1/32",
        "::1, ::1/128",
        "::/0, ::/0",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
        "fe80:0:0:0:0:0:0:0/10, fe80::/10",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1/128"
    })
    void givenACidrBlock_whenPrinted_thenItsCanonicalForm(String text, String canonical) {
        assertThat(Subnet.parse("subnets", text).toString()).isEqualTo(canonical);
    }
}
