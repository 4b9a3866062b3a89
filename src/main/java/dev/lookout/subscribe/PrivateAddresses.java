package dev.lookout.subscribe;

import java.net.InetAddress;

/**
 * The addresses a webhook subscriber may not name unless {@code subscriptions.allow_private_webhooks}:
 * this machine and private networks (loopback, link-local, private and unique-local ranges,
 * carrier-grade NAT, the unspecified and multicast addresses), which only the server can reach.
 */
final class PrivateAddresses {

    private PrivateAddresses() {
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || (bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc) // fc00::/7
                || (bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
                || (bytes.length == 4 && (bytes[0] & 0xff) == 0); // 0.0.0.0/8: "this network", 0.x reaches loopback on Linux
    }
}
