package dev.lookout.check.dns;

import dev.lookout.check.AddressResolver;
import dev.lookout.check.Check;
import dev.lookout.check.Deadline;
import dev.lookout.check.DeadlineExceededException;
import dev.lookout.check.Probe;
import dev.lookout.check.Timings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Asks a DNS server for one record type of one name and reports the rcode and the answers, within
 * the deadline. Any answer is REACHED, NXDOMAIN and SERVFAIL included: conditions decide (the type
 * adds {@code dns.rcode == NOERROR} when the user has no condition on the rcode).
 */
public final class DnsCheck implements Check {
    private final DnsSettings settings;
    private final AddressResolver resolver;

    public DnsCheck(DnsSettings settings, AddressResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    @Override
    public Probe run(Deadline deadline) {
        Timings.Recorder timings = new Timings.Recorder(deadline);
        try {
            int type = Type.value(settings.recordType());
            Record question = Record.newRecord(settings.absoluteName(), type, DClass.IN);
            Message answer = resolver.query(question, settings.server() == null ? List.of() : List.of(settings.server()),
                    settings.tcp(), deadline);
            timings.dnsDone();
            Timings done = timings.finish();
            List<Record> records = answer.getSection(Section.ANSWER).stream().filter(r -> r.getType() == type).toList();
            List<String> values = records.stream().map(DnsCheck::presentation).toList();
            Long ttl = records.stream().map(Record::getTTL).min(Long::compare).orElse(null);
            String rcode = Rcode.string(answer.getRcode());
            String message = values.isEmpty() ? rcode + ", no " + settings.recordType() + " records"
                    : rcode + ": " + String.join(", ", values.subList(0, Math.min(3, values.size())))
                            + (values.size() > 3 ? " (+" + (values.size() - 3) + ")" : "");
            return Probe.reached(message, done, new DnsObservation(rcode, values, ttl, done.total()));
        } catch (DeadlineExceededException e) {
            return Probe.timedOut(e, timings.finish());
        } catch (UnknownHostException e) {
            return Probe.failed(e.getMessage(), timings.finish());
        } catch (RuntimeException e) {
            return Probe.failed("internal error during dns: " + e, timings.finish());
        }
    }

    /**
     * A record's value as {@code dig +short} shows it, except: IPv6 addresses in their short form
     * (RFC 5952) and TXT strings joined without quotes or separators (as SPF reads them). MX is
     * {@code "10 mail.example.com."}, SRV {@code "priority weight port target."}, CAA
     * {@code "0 issue \"ca.example\""}; names end with a dot.
     */
    static String presentation(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress().getHostAddress();
            case AAAARecord aaaa -> ipv6(aaaa.getAddress());
            case TXTRecord txt -> String.join("", txt.getStrings());
            default -> record.rdataToString();
        };
    }

    /** RFC 5952: lower-case hex without leading zeros, the longest run of two or more zero groups as "::". */
    static String ipv6(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
