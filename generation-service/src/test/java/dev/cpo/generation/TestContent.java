package dev.cpo.generation;

import dev.cpo.events.Segment;
import dev.cpo.events.SegmentFeatures;
import dev.cpo.events.Snippet;
import java.math.BigDecimal;
import java.util.List;

/** Segments and approved snippets as retrieval publishes them (texts from the shipped corpus). */
public final class TestContent {

    public static final Segment CHAMPIONS = new Segment("rfm-champions", "Champions", "rfm", "rfm-test");
    public static final Segment AT_RISK = new Segment("rfm-at-risk", "At Risk", "rfm", "rfm-test");

    public static final Snippet BIRTHDAY = new Snippet("birthday-rewards", "Birthday vouchers for Trail Club members",
            0, "Every Trail Club member gets a birthday voucher on the first day of their birthday month: £5 for"
                    + " Bronze, £10 for Silver and £20 for Gold members. The voucher is valid for 30 days and can be"
                    + " used online or in store, with no minimum spend.",
            0.92, "corpus/birthday-rewards.json");
    public static final Snippet BLACK_FRIDAY = new Snippet("black-friday-2026", "Black Friday 2026: up to 30% off", 1,
            "Trail Club Gold members can shop the Black Friday prices 48 hours early, from 10 am on Wednesday 25"
                    + " November 2026. Everything bought during Black Friday can be returned free until 31 January"
                    + " 2027 under our Christmas returns policy.",
            0.81, "corpus/black-friday-2026.json");
    public static final Snippet DELIVERY = new Snippet("delivery-options", "Delivery options and costs", 0,
            "Standard delivery to UK mainland addresses costs £3.95 and takes 2 to 4 working days; it is free on"
                    + " orders of £50 or more. Next-day delivery costs £6.95 when you order by 8 pm Sunday to"
                    + " Thursday. Trail Club Silver members get free standard delivery on every order and Gold"
                    + " members free next-day delivery.",
            0.74, "corpus/delivery-options.json");
    public static final Snippet RENEW = new Snippet("fernhill-renew-trade-in", "Fernhill Renew: trade in your old gear",
            0, "Since April 2026, Fernhill Renew takes back Fernhill Originals and Summit Collection clothing and gear"
                    + " in any condition. Bring it to any of our stores and get a voucher on the spot: £40 for a"
                    + " waterproof jacket or a tent, £20 for an insulated jacket, and £10 for a fleece or a pair of"
                    + " boots.",
            0.66, "corpus/fernhill-renew-trade-in.json");

    public static final List<Snippet> CHAMPION_CONTENT = List.of(BIRTHDAY, BLACK_FRIDAY, DELIVERY);
    public static final List<Snippet> AT_RISK_CONTENT = List.of(RENEW, DELIVERY);

    public static final SegmentFeatures FEATURES = new SegmentFeatures(12, 9, new BigDecimal("742.10"), 3, 900,
            "gold", true);

    private TestContent() {
    }
}
