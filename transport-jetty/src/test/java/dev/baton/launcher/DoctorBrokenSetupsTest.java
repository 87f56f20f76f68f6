package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.emulator.AppRegistration;
import dev.baton.emulator.PageRegistration;
import dev.baton.event.Platform;
import dev.baton.graph.GraphCredentials;
import dev.baton.graph.setup.SetupGraphClient;
import dev.baton.launcher.SetupFixture.Result;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code doctor} against deliberately broken setups: each is named, with what to do, and fails where it must. */
class DoctorBrokenSetupsTest {

    SetupFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anAppNotSubscribedToStandbyFails() throws Exception {
        fixture = SetupFixture.start();
        assertThat(fixture.run("setup", false).exitCode()).isZero();
        // Someone re-subscribes the helper at the Page level without standby.
        graph().subscribePage(helper(fixture.environment.get("HELPER_TOKEN")), SetupFixture.PAGE,
                List.of("messages", "messaging_postbacks", "messaging_referrals", "messaging_handovers",
                        "message_echoes", "message_reads"));

        Result doctor = fixture.run("doctor", false);

        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.lines("FAIL")).singleElement().asString()
                .contains("page subscription helper: not subscribed to standby")
                .contains("it will not see conversations another app owns");
        assertThat(doctor.output()).contains("-> run setup to add them");
        // And Meta (the emulator) indeed stops the standby copies.
        assertThat(fixture.emulator.person(SetupFixture.PAGE, "p1").text("hello").eventsFor(SetupFixture.HELPER))
                .isEmpty();
    }

    @Test
    void aTokenForAnotherPageFails() throws Exception {
        String otherPageToken = "EAAhelper-token-of-page-6000-9e";
        fixture = SetupFixture.start("default", "custom", connection -> connection,
                Map.of("HELPER_TOKEN", otherPageToken));
        fixture.emulator.registerPage(PageRegistration.messenger("6000", null, List.of(AppRegistration.unsubscribed(
                SetupFixture.HELPER, "helper", fixture.environment.get("HELPER_SECRET"), otherPageToken))),
                dev.baton.emulator.PageConnection.fresh());

        Result doctor = fixture.run("doctor", false);

        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.output()).contains("FAIL  token helper: a Page token for Page 6000, not this Page 5000")
                .contains("-> give apps[helper].accessToken a Page token of app 5002 for Page 5000");
        assertThat(doctor.output()).doesNotContain(otherPageToken);
    }

    @Test
    void aMissingPermissionFailsInDoctorAndInSetup() throws Exception {
        UnaryOperator<dev.baton.emulator.PageConnection> noMessaging = connection -> connection.withScopes(
                SetupFixture.HELPER, List.of("pages_manage_metadata", "pages_show_list"));
        fixture = SetupFixture.start("default", "custom", noMessaging, Map.of());

        Result setup = fixture.run("setup", false);
        assertThat(setup.exitCode()).isEqualTo(1);
        assertThat(setup.output()).contains("FAIL  [helper] Page subscription:").contains("pages_messaging")
                .contains("OK    [shop] Page subscription");

        Result doctor = fixture.run("doctor", false);
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.output()).contains("FAIL  token helper: the token lacks pages_messaging")
                .contains("-> grant pages_messaging to app 5002")
                .contains("OK    token shop");
    }

    @Test
    void twoDefaultAppsFail() throws Exception {
        fixture = SetupFixture.start("default", "default", connection -> connection, Map.of());
        assertThat(fixture.run("setup", false).exitCode()).isZero();

        Result doctor = fixture.run("doctor", false);

        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.lines("FAIL")).singleElement().asString()
                .isEqualTo("FAIL  config: 2 apps have role default (shop, helper)");
    }

    @Test
    void profileDriftWarnsAndSetupRepairsIt() throws Exception {
        fixture = SetupFixture.start();
        assertThat(fixture.run("setup", false).exitCode()).isZero();
        graph().setProfile(shop(), SetupAndDoctorTest.greeting("Changed in the dashboard"), Platform.MESSENGER);

        Result doctor = fixture.run("doctor", false);

        assertThat(doctor.exitCode()).as("drift is a warning: the Page still works").isZero();
        assertThat(doctor.lines("WARN")).singleElement().asString()
                .isEqualTo("WARN  profile: differs from the config: greeting");
        assertThat(doctor.output()).contains("-> run setup to write the config's profile");

        assertThat(fixture.run("setup", false).output()).contains("[profile] Messenger Profile: set greeting");
        assertThat(fixture.run("doctor", false).lines("WARN")).isEmpty();
    }

    @Test
    void aPageNeverSetUpFailsEverySubscriptionAndWarnsOfTheProfile() throws Exception {
        fixture = SetupFixture.start();

        Result doctor = fixture.run("doctor", false);

        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.output()).contains("FAIL  page subscription shop: app 5001 is not subscribed to the Page")
                .contains("FAIL  app subscription helper: app 5002 has no active webhook for object page")
                .contains("OK    callback shop:")
                .contains("WARN  profile: differs from the config: get_started, greeting, ice_breakers, "
                        + "persistent_menu, whitelisted_domains");
    }

    SetupGraphClient graph() {
        return new SetupGraphClient(fixture.configured().config().graph(), new ObjectMapper(), new SimpleMeterRegistry());
    }

    GraphCredentials helper(String token) {
        return new GraphCredentials(SetupFixture.HELPER, token, fixture.environment.get("HELPER_SECRET"));
    }

    GraphCredentials shop() {
        return new GraphCredentials(SetupFixture.SHOP, fixture.environment.get("SHOP_TOKEN"),
                fixture.environment.get("SHOP_SECRET"));
    }
}
