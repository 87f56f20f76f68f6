package dev.baton.marketing;

import dev.baton.event.Channel;
import dev.baton.event.EventHeader;
import dev.baton.event.HandoverEvent;
import dev.baton.event.Message;
import dev.baton.event.MessageEvent;
import dev.baton.event.Referral;
import dev.baton.event.ReferralEvent;
import dev.baton.event.ConversationKey;
import dev.baton.testing.TestEvents;
import dev.baton.testing.TestingConversation;
import java.time.Instant;
import java.util.List;

/** Config and events the app's unit tests share. */
final class Fixtures {

    static final String APP_ID = "111";
    static final String DEFAULT_APP_ID = "222";
    /** The Page and the person of every unit test; events come from core's one set of builders. */
    static final TestEvents.Person PERSON = TestEvents.person("page-1", "psid-1");

    private Fixtures() {}

    /**
     * A conversation owned by this app that refuses a pass or release while not owning the thread (strict
     * ownership), so a test notices an app that acts out of turn.
     */
    static TestingConversation conversation() {
        return new TestingConversation().setKey(new ConversationKey(PERSON.pageId(), PERSON.userId())).setAppId(APP_ID)
                .setDefaultAppId(DEFAULT_APP_ID).setStrictOwnership(true)
                .setNow(Instant.parse("2026-05-01T10:00:00Z"));
    }

    static Settings config(String fallback, LeadCapture.Then then) {
        Campaign spring = new Campaign("spring-sale", List.of("ad-1"), List.of("spring"),
                "Hi! Spring sale is on. What would you like?", List.of(
                        new Choice("prices", "See prices", Choice.Action.ANSWER,
                                "Everything is 20% off until May 31.", null),
                        new Choice("quote", "Get a quote", Choice.Action.LEAD, null,
                                new LeadCapture(LeadCapture.Kind.EMAIL, null, null, "Thanks, a quote is on its way.",
                                        2, then)),
                        new Choice("talk", "Talk to us", Choice.Action.PASS,
                                "Connecting you with the team.", null)),
                null);
        Campaign general = new Campaign("general", List.of(), List.of(), "Hello! How can we help?",
                List.of(new Choice("call", "Call me", Choice.Action.LEAD, null,
                        new LeadCapture(LeadCapture.Kind.PHONE, null, null, null, null, null))), null);
        return new Settings(null, null, null, null, null, List.of(spring, general), fallback);
    }

    static EventHeader header(long timestamp) {
        return PERSON.header(timestamp, Channel.MESSAGING);
    }

    static Referral ad(String adId, String ref) {
        return new Referral("ADS", "OPEN_THREAD", ref, adId, null, null);
    }

    static ReferralEvent referral(String adId, String ref, long timestamp) {
        return TestEvents.adReferral(PERSON.pageId(), PERSON.userId(), adId, ref, timestamp);
    }

    static MessageEvent text(String mid, String text, long timestamp) {
        return PERSON.text(timestamp, mid, text);
    }

    static MessageEvent quickReply(String mid, String title, String payload, long timestamp) {
        return PERSON.quickReply(timestamp, mid, title, payload);
    }

    /** A message from an ad tap, without ads_context. */
    static MessageEvent adMessage(String mid, String text, String adId, long timestamp) {
        return new MessageEvent(header(timestamp), new Message(mid, text, null, List.of(), null, ad(adId, null)));
    }

    static HandoverEvent.PassThreadControl passedToUs(long timestamp) {
        return PERSON.pass(timestamp, null, APP_ID, null);
    }
}
