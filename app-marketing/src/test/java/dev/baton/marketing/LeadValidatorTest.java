package dev.baton.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeadValidatorTest {

    @ParameterizedTest
    @CsvSource({
            "jane@example.com, jane@example.com",
            "' Jane.Doe+ads@Mail.Example.CO.UK ', jane.doe+ads@mail.example.co.uk",
            "mailto:bob@example.org, bob@example.org"})
    void acceptsAndNormalisesEmails(String typed, String stored) {
        assertThat(LeadValidator.validate(LeadCapture.Kind.EMAIL, typed)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "jane", "jane@", "@example.com", "jane@example", "jane@@example.com",
            "jane..doe@example.com", ".jane@example.com", "jane@-example.com", "jane doe@example.com",
            "jane@example.c0m"})
    void refusesWhatIsNoEmail(String typed) {
        assertThat(LeadValidator.validate(LeadCapture.Kind.EMAIL, typed)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "+44 20 7946 0958, +442079460958",
            "(555) 123-4567, 5551234567",
            "0049 30 123456, +4930123456",
            "555.123.4567, 5551234567"})
    void acceptsAndNormalisesPhoneNumbers(String typed, String stored) {
        assertThat(LeadValidator.validate(LeadCapture.Kind.PHONE, typed)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "call me", "+1 234 567 890 123 456 7", "555-CALL-NOW", "++4420794609"})
    void refusesWhatIsNoPhoneNumber(String typed) {
        assertThat(LeadValidator.validate(LeadCapture.Kind.PHONE, typed)).isEmpty();
    }

    @Test
    void nullIsNoContact() {
        assertThat(LeadValidator.validate(LeadCapture.Kind.EMAIL, null)).isEmpty();
    }
}
