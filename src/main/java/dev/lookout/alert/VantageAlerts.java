package dev.lookout.alert;

import dev.lookout.evaluate.VantageVerdicts;

/**
 * Says, once each, that a vantage point has become suspect (it sees many monitors fail that the
 * other vantage points see up: its own network is the likely problem, not the targets) and that
 * it is trusted again (issue 14): one system message instead of one alert per monitor.
 */
public final class VantageAlerts implements VantageVerdicts.Suspicions {
    private final AlertEngine engine;

    public VantageAlerts(AlertEngine engine) {
        this.engine = engine;
    }

    @Override
    public void changed(VantageVerdicts.Suspicion s) {
        String key = "vantage-suspect/" + s.point() + "/" + s.at().toEpochMilli();
        if (s.suspect()) {
            engine.systemAlert(key, AlertKind.MONITORING_SIDE_FAILURE, suspectText(s));
        } else {
            engine.systemAlert(key + "/over", AlertKind.RECOVERED, trustedText(s));
        }
    }

    /** The first message about it: it names the vantage point, not the targets. */
    static String suspectText(VantageVerdicts.Suspicion s) {
        return "Vantage point " + s.point() + " sees " + s.alone() + " of its " + s.population()
                + " monitors fail while the other vantage points see them up (" + sample(s) + "): " + s.point()
                + "'s own network, DNS resolver or host is the likely problem, not the targets. Its results do not"
                + " count in verdicts until it agrees with the others again.";
    }

    static String trustedText(VantageVerdicts.Suspicion s) {
        return "Vantage point " + s.point() + " agrees with the others again (" + s.alone() + " of its " + s.population()
                + " monitors fail only from it); its results count in verdicts again.";
    }

    private static String sample(VantageVerdicts.Suspicion s) {
        var ids = s.monitors().stream().sorted().toList();
        String shown = String.join(", ", ids.subList(0, Math.min(5, ids.size())));
        return ids.size() > 5 ? shown + " and " + (ids.size() - 5) + " more" : shown;
    }
}
