package dev.tollgate.adapter.out.provider.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InternalAddressesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.255.254", // loopback
                "10.0.0.0",
                "10.1.2.3",
                "10.255.255.255", // 10/8
                "172.16.0.1",
                "172.31.255.255", // 172.16/12
                "192.168.0.1",
                "192.168.255.255", // 192.168/16
                "169.254.169.254",
                "169.254.0.1", // link-local, cloud metadata
                "100.64.0.1",
                "100.127.255.255", // carrier-grade NAT
                "0.0.0.0",
                "0.1.2.3", // unspecified / this network
                "224.0.0.1",
                "239.255.255.250", // multicast
                "255.255.255.255",
                "240.0.0.1", // broadcast, reserved
                "192.0.0.8",
                "198.18.0.1", // special purpose, benchmarking
                "::1",
                "::", // IPv6 loopback, unspecified
                "fc00::1",
                "fd12:3456:789a::1", // unique-local fc00::/7
                "fe80::1",
                "febf:ffff::1", // link-local fe80::/10
                "fec0::1", // site-local (deprecated)
                "ff02::1",
                "ff0e::1", // multicast
                "::127.0.0.1",
                "::10.0.0.1", // IPv4-compatible
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe", // NAT64 of 127.0.0.1, 169.254.169.254
                "64:ff9b:1::808:808", // local-use NAT64
                "2002:7f00:1::",
                "2002:a00:1::1", // 6to4 of 127.0.0.1, 10.0.0.1
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
                "100::1" // discard-only
            })
    void forbidsInternalAddresses(String literal) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(literal)))
                .as(literal)
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "9.255.255.255",
                "11.0.0.0", // around 10/8
                "172.15.255.255",
                "172.32.0.1", // around 172.16/12
                "192.167.255.255",
                "192.169.0.1", // around 192.168/16
                "100.63.255.255",
                "100.128.0.1", // around 100.64/10
                "169.253.255.255",
                "169.255.0.1", // around 169.254/16
                "1.0.0.0",
                "223.255.255.255", // around 0/8 and 224/4
                "2606:4700:4700::1111",
                "2001:4860:4860::8888", // public IPv6
                "64:ff9b::808:808", // NAT64 of 8.8.8.8
                "2002:808:808::1" // 6to4 of 8.8.8.8
            })
    void allowsPublicAddresses(String literal) throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName(literal)))
                .as(literal)
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255"
            })
    void forbidsIpv4MappedIpv6FormsOfInternalAddresses(String ipv4) throws UnknownHostException {
        Inet6Address mapped = mapped(ipv4);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        assertThat(InternalAddresses.isInternal(mapped)).as("::ffff:" + ipv4).isTrue();
    }

    @Test
    void allowsIpv4MappedFormOfPublicAddress() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(mapped("8.8.8.8"))).isFalse();
    }

    @Test
    void theJdkTurnsMappedLiteralsIntoIpv4AddressesWhichAreStillForbidden() throws UnknownHostException {
        assertThat(InternalAddresses.isInternal(InetAddress.getByName("::ffff:127.0.0.1")))
                .isTrue();
        assertThat(InternalAddresses.isInternal(InetAddress.getByName("[::ffff:a9fe:a9fe]")))
                .isTrue();
    }

    /** An {@link Inet6Address} that really is the mapped form (the JDK would otherwise return an IPv4 address). */
    private static Inet6Address mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, -1);
    }
}
