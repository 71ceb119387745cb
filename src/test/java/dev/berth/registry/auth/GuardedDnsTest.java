package dev.berth.registry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedDnsTest {

    @Test
    void aNameResolvingOnlyToTheMetadataAddressIsRefused() throws Exception {
        InetAddress metadata = InetAddress.getByAddress("innocent.example", new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254});
        GuardedDns dns = new GuardedDns(host -> List.of(metadata));

        UnknownHostException e = assertThrows(UnknownHostException.class, () -> dns.lookup("innocent.example"));
        assertTrue(e.getMessage().contains("link-local"), e.getMessage());
    }

    @Test
    void linkLocalAddressesAreDroppedAndTheRestKept() throws Exception {
        InetAddress linkLocal = InetAddress.getByName("fe80::1");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        GuardedDns dns = new GuardedDns(host -> List.of(linkLocal, loopback));

        assertEquals(List.of(loopback), dns.lookup("mixed.example"));
    }

    @Test
    void cloudMetadataAddressesOutsideLinkLocalRangesAreDroppedToo() throws Exception {
        InetAddress alibaba = InetAddress.getByName("100.100.100.200");
        InetAddress aws6 = InetAddress.getByName("fd00:ec2::254");
        GuardedDns dns = new GuardedDns(host -> List.of(alibaba, aws6));

        assertThrows(GuardedDns.LinkLocalOnly.class, () -> dns.lookup("metadata.example"));
    }
}
