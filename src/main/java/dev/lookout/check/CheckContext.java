package dev.lookout.check;

/** What every check may use, shared across checks: the DNS resolver with deadlines. */
public record CheckContext(AddressResolver resolver) {
}
