package dev.baton.launcher;

import static java.util.Objects.requireNonNull;

/** One line of {@code doctor}'s report: a status, what was checked, what was found, and what to do (may be null). */
record DoctorCheck(Status status, String subject, String finding, String advice) {

    enum Status { OK, WARN, FAIL }

    DoctorCheck {
        requireNonNull(status, "status is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(finding, "finding is null");
        advice = advice == null || advice.isBlank() ? null : advice;
    }

    static DoctorCheck ok(String subject, String finding) {
        return new DoctorCheck(Status.OK, subject, finding, null);
    }

    static DoctorCheck warn(String subject, String finding, String advice) {
        return new DoctorCheck(Status.WARN, subject, finding, advice);
    }

    static DoctorCheck fail(String subject, String finding, String advice) {
        return new DoctorCheck(Status.FAIL, subject, finding, advice);
    }
}
