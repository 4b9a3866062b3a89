package dev.lookout.check;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.hosts.HostsFileParser;

/**
 * Turns a check's host name into addresses without ever outliving the check's {@link Deadline}.
 *
 * <p>The JDK resolver runs before any socket timer starts and cannot be bounded (a silent DNS server
 * held a JDK HttpClient request for 8.3 s with a 3 s timeout, see DEPENDENCIES.md), so names are
 * resolved here with dnsjava: IP literals and {@code localhost} skip DNS, names in the hosts file are
 * answered from it, anything else is an A and an AAAA query sent in parallel, each bounded twice
 * (dnsjava's own timeout, whose timer only ticks about once a second, and a hard wait on the answer).
 * IPv4 addresses come first because most monitored services are reachable over IPv4 and the
 * connect is attempted in order.
 *
 * <p>Nothing is cached: a check measures the DNS answer as the monitored service's users get it, and
 * the recursive resolver in front of us already caches by TTL. Names are queried as absolute names
 * (no search path), which is what a URL in a monitor's configuration means.
 */
public final class AddressResolver {
    private static final String PHASE = "dns";

    private final List<InetSocketAddress> servers;
    private final HostsFileParser hostsFile;

    /**
     * @param dnsServers servers as {@code host} or {@code host:port} ({@code [v6]:port} for IPv6);
     *                   empty means the system's resolvers as dnsjava reads them (resolv.conf)
     */
    public AddressResolver(List<String> dnsServers) {
        this(dnsServers, Path.of("/etc/hosts"));
    }

    /** The system's resolvers and hosts file. */
    public static AddressResolver system() {
        return new AddressResolver(List.of());
    }

    AddressResolver(List<String> dnsServers, Path hostsFile) {
        this.servers = dnsServers.stream().map(AddressResolver::parseServer).toList();
        this.hostsFile = new HostsFileParser(hostsFile);
    }

    /**
     * The addresses of {@code host}, IPv4 first.
     *
     * @throws UnknownHostException  the name does not exist or has no address ("no such host: ...")
     *                               or the DNS server failed
     * @throws DeadlineExceededException phase {@code dns}, when no answer came before the deadline
     */
    public List<InetAddress> resolve(String host, Deadline deadline) throws UnknownHostException, DeadlineExceededException {
        deadline.check(PHASE);
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        if (host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase("localhost.")) {
            return List.of(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                    InetAddress.getByAddress("localhost", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        }
        Name name = absoluteName(host);
        List<InetAddress> fromHostsFile = fromHostsFile(name);
        if (!fromHostsFile.isEmpty()) {
            return fromHostsFile;
        }
        return query(host, name, deadline);
    }

    /**
     * Every address of {@code host}: all A and all AAAA records, IPv4 first, waiting for both answers
     * (within the deadline) where {@link #resolve} is content with IPv4. For checks that test each
     * address of a name separately. One family failing is tolerated when the other has addresses.
     */
    public List<InetAddress> resolveAll(String host, Deadline deadline) throws UnknownHostException, DeadlineExceededException {
        deadline.check(PHASE);
        if (literal(host).isPresent() || host.equalsIgnoreCase("localhost") || host.equalsIgnoreCase("localhost.")) {
            return resolve(host, deadline);
        }
        Name name = absoluteName(host);
        List<InetAddress> fromHostsFile = fromHostsFile(name);
        if (!fromHostsFile.isEmpty()) {
            return fromHostsFile;
        }
        Query a = send(servers(), question(name, Type.A), false, deadline);
        Query aaaa = send(servers(), question(name, Type.AAAA), false, deadline);
        try {
            List<InetAddress> all = new ArrayList<>();
            UnknownHostException failure = null;
            for (Query answer : List.of(a, aaaa)) {
                try {
                    all.addAll(addresses(host, answer.await(deadline)));
                } catch (UnknownHostException e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (all.isEmpty()) {
                throw failure != null ? failure : new UnknownHostException("no address for host: " + host);
            }
            return all;
        } finally {
            a.cancel();
            aaaa.cancel();
        }
    }

    /**
     * Sends one DNS query and returns the answer whatever its rcode, no later than the deadline: the
     * DNS check's probe. Over UDP, a truncated answer is asked again over TCP (dnsjava's
     * {@link SimpleResolver} does that); {@code tcp} sends over TCP from the start.
     *
     * @param servers where to send it; empty means the configured (or system) servers
     * @throws UnknownHostException      the server is unreachable or the exchange failed
     * @throws DeadlineExceededException phase {@code dns}, when no answer came before the deadline
     */
    public Message query(Record question, List<InetSocketAddress> servers, boolean tcp, Deadline deadline)
            throws UnknownHostException, DeadlineExceededException {
        deadline.check(PHASE);
        Query answer = send(servers.isEmpty() ? servers() : servers, Message.newQuery(question), tcp, deadline);
        try {
            return answer.await(deadline);
        } finally {
            answer.cancel();
        }
    }

    /** The servers queries go to: {@code dns.servers} from the configuration, else the system's resolvers. */
    public List<InetSocketAddress> servers() {
        return servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    }

    /** An IP literal (brackets around IPv6 allowed, as {@link java.net.URI#getHost()} returns it), parsed without any lookup. */
    public static Optional<InetAddress> literal(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = Address.toByteArray(bare, Address.IPv4);
        if (bytes == null && bare.indexOf(':') >= 0) {
            bytes = Address.toByteArray(bare, Address.IPv6);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // wrong length: cannot happen for bytes from toByteArray
        }
    }

    private List<InetAddress> fromHostsFile(Name name) {
        List<InetAddress> found = new ArrayList<>(2);
        // HostsFileParser keeps an unsynchronised cache; checks resolve concurrently.
        synchronized (hostsFile) {
            try {
                hostsFile.getAddressForHost(name, Type.A).ifPresent(found::add);
                hostsFile.getAddressForHost(name, Type.AAAA).ifPresent(found::add);
            } catch (IOException | RuntimeException e) {
                // An unreadable hosts file is not the monitored service's fault: fall back to DNS.
                return List.of();
            }
        }
        return found;
    }

    private List<InetAddress> query(String host, Name name, Deadline deadline)
            throws UnknownHostException, DeadlineExceededException {
        Query a = send(servers(), question(name, Type.A), false, deadline);
        Query aaaa = send(servers(), question(name, Type.AAAA), false, deadline);
        try {
            List<InetAddress> v4 = addresses(host, a.await(deadline));
            if (!v4.isEmpty()) {
                // IPv4 is enough to connect; take IPv6 too only if it is already there.
                List<InetAddress> all = new ArrayList<>(v4);
                aaaa.ready().ifPresent(answer -> {
                    try {
                        all.addAll(addresses(host, answer));
                    } catch (UnknownHostException e) {
                        // Some servers refuse AAAA for names they only know as A; IPv4 suffices.
                    }
                });
                return all;
            }
            List<InetAddress> v6 = addresses(host, aaaa.await(deadline));
            if (v6.isEmpty()) {
                throw new UnknownHostException("no address for host: " + host);
            }
            return v6;
        } finally {
            aaaa.cancel();
        }
    }

    /**
     * Sends a query over UDP now; over TCP (when asked, or when the UDP answer is truncated) in the
     * thread that awaits it. TCP goes through {@link DnsOverTcp}, not dnsjava: after one TCP exchange
     * dnsjava 3.7.1's shared NIO selector let every later UDP query in the process time out
     * (docs/rationale.md).
     */
    private static Query send(List<InetSocketAddress> targets, Message query, boolean tcp, Deadline deadline)
            throws DeadlineExceededException, UnknownHostException {
        if (targets.isEmpty()) {
            throw new UnknownHostException("no DNS server configured (none in the system's resolver configuration)");
        }
        if (tcp) {
            return new Query(null, query, targets.get(0));
        }
        // One resolver per query: a resolver's timeout is mutable state, and each check has its own deadline.
        Duration timeout = Duration.ofMillis(deadline.socketTimeoutMillis(PHASE));
        Resolver resolver;
        if (targets.size() == 1) {
            resolver = new SimpleResolver(targets.get(0));
        } else {
            ExtendedResolver extended = new ExtendedResolver(targets.stream().<Resolver>map(SimpleResolver::new).toList());
            extended.setRetries(1);
            resolver = extended;
        }
        resolver.setTimeout(timeout);
        resolver.setIgnoreTruncation(true);
        return new Query(resolver.sendAsync(query).toCompletableFuture(), query, targets.get(0));
    }

    /** One query under way: over UDP ({@code udp} not null), or to be sent over TCP to {@code server}. */
    private record Query(CompletableFuture<Message> udp, Message query, InetSocketAddress server) {

        Message await(Deadline deadline) throws UnknownHostException, DeadlineExceededException {
            if (udp == null) {
                return DnsOverTcp.exchange(query, server, deadline);
            }
            Message answer = AddressResolver.await(udp, deadline);
            return answer.getHeader().getFlag(Flags.TC) ? DnsOverTcp.exchange(query, server, deadline) : answer;
        }

        /** The answer if it is already there and complete. */
        Optional<Message> ready() {
            if (udp == null || !udp.isDone() || udp.isCompletedExceptionally()) {
                return Optional.empty();
            }
            Message answer = udp.join();
            return answer.getHeader().getFlag(Flags.TC) ? Optional.empty() : Optional.of(answer);
        }

        void cancel() {
            if (udp != null) {
                udp.cancel(false);
            }
        }
    }

    private static Message question(Name name, int type) {
        return Message.newQuery(Record.newRecord(name, type, DClass.IN));
    }

    /** Waits for an answer no longer than the deadline, whatever dnsjava's timer does. */
    private static Message await(CompletableFuture<Message> answer, Deadline deadline)
            throws UnknownHostException, DeadlineExceededException {
        try {
            return answer.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DeadlineExceededException(PHASE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadlineExceededException(PHASE);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.SocketTimeoutException || cause instanceof TimeoutException) {
                throw new DeadlineExceededException(PHASE);
            }
            if (cause instanceof PortUnreachableException) {
                throw new UnknownHostException("DNS server unreachable");
            }
            throw new UnknownHostException("DNS query failed: " + cause);
        }
    }

    private static List<InetAddress> addresses(String host, Message answer) throws UnknownHostException {
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            throw new UnknownHostException("no such host: " + host);
        }
        if (rcode != Rcode.NOERROR) {
            throw new UnknownHostException("DNS server answered " + Rcode.string(rcode) + " for " + host);
        }
        List<InetAddress> found = new ArrayList<>(2);
        // The answer section holds the CNAME chain followed by the records of its last name.
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof ARecord a) {
                found.add(withHostName(host, a.getAddress()));
            } else if (record instanceof AAAARecord aaaa) {
                found.add(withHostName(host, aaaa.getAddress()));
            }
        }
        return found;
    }

    private static InetAddress withHostName(String host, InetAddress address) throws UnknownHostException {
        // Keeping the name avoids a reverse lookup if anything asks for it (TLS code does).
        return InetAddress.getByAddress(host, address.getAddress());
    }

    private static Name absoluteName(String host) throws UnknownHostException {
        try {
            return Name.fromString(host, Name.root);
        } catch (TextParseException e) {
            throw new UnknownHostException("invalid host name: " + host);
        }
    }

    /**
     * A DNS server as written in the configuration: an IP address with an optional port
     * ({@code 10.0.0.2}, {@code 127.0.0.1:5353}, {@code [2001:db8::1]:53}).
     *
     * @throws IllegalArgumentException with a message for the configuration error
     */
    public static InetSocketAddress parseServer(String server) {
        String host = server;
        int port = SimpleResolver.DEFAULT_PORT;
        if (server.startsWith("[")) {
            int end = server.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("invalid DNS server '" + server + "': missing ']'");
            }
            host = server.substring(1, end);
            if (server.length() > end + 1) {
                port = port(server, server.substring(end + 1));
            }
        } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') >= 0) {
            host = server.substring(0, server.indexOf(':'));
            port = port(server, server.substring(server.indexOf(':')));
        }
        InetAddress address = literal(host).orElseThrow(
                () -> new IllegalArgumentException("invalid DNS server '" + server + "': not an IP address"));
        return new InetSocketAddress(address, port);
    }

    private static int port(String server, String colonPort) {
        try {
            if (!colonPort.startsWith(":")) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(colonPort.substring(1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid DNS server '" + server + "': port must be 1-65535");
        }
    }
}
