package dev.lookout.config;

/**
 * A saved text for incident messages ({@code incident_templates:}), offered by the console's
 * incident forms: choosing it fills the message, and for a new incident the title, status and impact.
 *
 * @param title  the title of an incident opened from it; null leaves the title to the editor
 * @param status the status code it suggests (investigating, identified, monitoring, resolved); null keeps the form's
 * @param impact the impact code it suggests (none, minor, major, critical); null keeps the form's
 * @param body   the message, in Markdown
 */
public record IncidentTemplateConfig(String id, String name, String title, String status, String impact, String body) {
}
