package dev.lookout.check.dns;

import dev.lookout.condition.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a DNS check offers to conditions: {@code dns.rcode} ({@code NOERROR}, {@code NXDOMAIN},
 * ...), {@code dns.answers} (the values of the answer records of the queried type, in presentation
 * form, in the server's order), {@code dns.answer} (the first, no value without answers),
 * {@code dns.count}, {@code dns.ttl} (the smallest TTL of those records, seconds) and {@code latency}.
 */
record DnsObservation(String rcode, List<String> answers, Long minTtl, Duration latency) implements Observation {

    DnsObservation {
        answers = List.copyOf(answers);
    }

    @Override
    public Optional<Object> value(String placeholder) {
        return switch (placeholder) {
            case "dns.rcode" -> Optional.of(rcode);
            case "dns.answers" -> Optional.of(answers);
            case "dns.answer" -> answers.isEmpty() ? Optional.empty() : Optional.of(answers.get(0));
            case "dns.count" -> Optional.of((long) answers.size());
            case "dns.ttl" -> Optional.ofNullable(minTtl);
            case "latency" -> Optional.of(latency);
            default -> Optional.empty();
        };
    }
}
