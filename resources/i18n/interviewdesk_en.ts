<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApprovalsPage</name>
    <message numerus="yes">
        <source>%n request(s) waiting for you</source>
        <translation>
            <numerusform>%n request waiting for you</numerusform>
            <numerusform>%n requests waiting for you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArchivePage</name>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CalendarFileDialog</name>
    <message numerus="yes">
        <source>%n interview(s) written to {0}.</source>
        <translation>
            <numerusform>%n interview written to {0}.</numerusform>
            <numerusform>%n interviews written to {0}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n busy period(s) imported for {0}.</source>
        <translation>
            <numerusform>%n busy period imported for {0}.</numerusform>
            <numerusform>%n busy periods imported for {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidateDetailPanel</name>
    <message numerus="yes">
        <source>%n reschedule(s)</source>
        <translation>
            <numerusform>%n reschedule</numerusform>
            <numerusform>%n reschedules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n no-show(s)</source>
        <translation>
            <numerusform>%n no-show</numerusform>
            <numerusform>%n no-shows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n late arrival(s)</source>
        <translation>
            <numerusform>%n late arrival</numerusform>
            <numerusform>%n late arrivals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CandidatesPage</name>
    <message numerus="yes">
        <source>%n candidate(s)</source>
        <translation>
            <numerusform>%n candidate</numerusform>
            <numerusform>%n candidates</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n dossier(s) exported to {0}.
Package digest (SHA-256 of its manifest): {1}</source>
        <translation>
            <numerusform>%n dossier exported to {0}.
Package digest (SHA-256 of its manifest): {1}</numerusform>
            <numerusform>%n dossiers exported to {0}.
Package digest (SHA-256 of its manifest): {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GatewaySettings</name>
    <message numerus="yes">
        <source>The gateway answered: %n message(s) since the last one read.</source>
        <translation>
            <numerusform>The gateway answered: %n message since the last one read.</numerusform>
            <numerusform>The gateway answered: %n messages since the last one read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HolidaysPanel</name>
    <message numerus="yes">
        <source>Imported %n day(s), updated {0}.</source>
        <translation>
            <numerusform>Imported %n day, updated {0}.</numerusform>
            <numerusform>Imported %n days, updated {0}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InterviewRoomWindow</name>
    <message numerus="yes">
        <source>The candidate sent %n question(s); each is routed to its owner.</source>
        <translation>
            <numerusform>The candidate sent %n question; it is routed to its owner.</numerusform>
            <numerusform>The candidate sent %n questions; each is routed to its owner.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message numerus="yes">
        <source>%n working hour(s)</source>
        <translation>
            <numerusform>%n working hour</numerusform>
            <numerusform>%n working hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n message(s) failed to send</source>
        <translation>
            <numerusform>%n message failed to send</numerusform>
            <numerusform>%n messages failed to send</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MaintenanceTab</name>
    <message numerus="yes">
        <source>Not passed ({0}); last contact {1}, %n month(s) ago</source>
        <translation>
            <numerusform>Not passed ({0}); last contact {1}, %n month ago</numerusform>
            <numerusform>Not passed ({0}); last contact {1}, %n months ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) meet the rule</source>
        <translation>
            <numerusform>%n person meets the rule</numerusform>
            <numerusform>%n people meet the rule</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyInterviewsPage</name>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfferApprovals</name>
    <message numerus="yes">
        <source>%n offer(s) waiting for you</source>
        <translation>
            <numerusform>%n offer waiting for you</numerusform>
            <numerusform>%n offers waiting for you</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfferDecisionPanel</name>
    <message numerus="yes">
        <source>Probation: %n month(s)</source>
        <translation>
            <numerusform>Probation: %n month</numerusform>
            <numerusform>Probation: %n months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutboxPage</name>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackagesPage</name>
    <message numerus="yes">
        <source>%n export(s)</source>
        <translation>
            <numerusform>%n export</numerusform>
            <numerusform>%n exports</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PositionsPage</name>
    <message numerus="yes">
        <source>%n position(s)</source>
        <translation>
            <numerusform>%n position</numerusform>
            <numerusform>%n positions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreparationView</name>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyRequestsPage</name>
    <message numerus="yes">
        <source>%n request(s)</source>
        <translation>
            <numerusform>%n request</numerusform>
            <numerusform>%n requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurgeApprovals</name>
    <message numerus="yes">
        <source>%n purge request(s) waiting for you</source>
        <translation>
            <numerusform>%n purge request waiting for you</numerusform>
            <numerusform>%n purge requests waiting for you</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Purge request #{0} carried out: %n person(s) purged</source>
        <translation>
            <numerusform>Purge request #{0} carried out: %n person purged</numerusform>
            <numerusform>Purge request #{0} carried out: %n people purged</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n skipped (no longer due)</source>
        <translation>
            <numerusform>; %n skipped (no longer due)</numerusform>
            <numerusform>; %n skipped (no longer due)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PurgeDecisionPanel</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s): {0}</source>
        <translation>
            <numerusform>%n person: {0}</numerusform>
            <numerusform>%n people: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message numerus="yes">
        <source>%n answered question(s)</source>
        <translation>
            <numerusform>%n answered question</numerusform>
            <numerusform>%n answered questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open question(s)</source>
        <translation>
            <numerusform>%n open question</numerusform>
            <numerusform>%n open questions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionTab</name>
    <message numerus="yes">
        <source>{0} · {1} {2} · %n person(s)</source>
        <translation>
            <numerusform>{0} · {1} {2} · %n person</numerusform>
            <numerusform>{0} · {1} {2} · %n people</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) past retention</source>
        <translation>
            <numerusform>%n person past retention</numerusform>
            <numerusform>%n people past retention</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomBoardPage</name>
    <message numerus="yes">
        <source>%n candidate(s) expected</source>
        <translation>
            <numerusform>%n candidate expected</numerusform>
            <numerusform>%n candidates expected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n interview(s) booked.</source>
        <translation>
            <numerusform>%n interview booked.</numerusform>
            <numerusform>%n interviews booked.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n applicant(s) did not fit into the day.</source>
        <translation>
            <numerusform>%n applicant did not fit into the day.</numerusform>
            <numerusform>%n applicants did not fit into the day.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplatesPanel</name>
    <message numerus="yes">
        <source>{0} characters: %n text message(s) (70 characters fit in one, 67 per part when longer)</source>
        <translation>
            <numerusform>{0} characters: %n text message (70 characters fit in one, 67 per part when longer)</numerusform>
            <numerusform>{0} characters: %n text messages (70 characters fit in one, 67 per part when longer)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message numerus="yes">
        <source>%n interview(s)</source>
        <translation>
            <numerusform>%n interview</numerusform>
            <numerusform>%n interviews</numerusform>
        </translation>
    </message>
</context>
</TS>
