<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>foyer::core::CreditUseReview</name>
    <message numerus="yes">
        <location filename="../app/core/CreditUseReview.cpp" line="10"/>
        <source>%n seat(s) over the credits</source>
        <translation>
            <numerusform>%n seat over the credits</numerusform>
            <numerusform>%n seats over the credits</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::core::PersonalDetailsRules</name>
    <message numerus="yes">
        <location filename="../app/core/PersonalDetailsRules.cpp" line="34"/>
        <source>At most %n characters.</source>
        <translation>
            <numerusform>At most %n character.</numerusform>
            <numerusform>At most %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::MainWindow</name>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="275"/>
        <source>More than %n: type more</source>
        <translation>
            <numerusform>More than %n: type more</numerusform>
            <numerusform>More than %n: type more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MainWindow.cpp" line="277"/>
        <source>%n patron(s) matching “%1”</source>
        <translation>
            <numerusform>%n patron matching “%1”</numerusform>
            <numerusform>%n patrons matching “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::MemberImportDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/MemberImportDialog.cpp" line="157"/>
        <source>Protecting %n password(s) before the import; nothing is written yet.</source>
        <translation>
            <numerusform>Protecting %n password before the import; nothing is written yet.</numerusform>
            <numerusform>Protecting %n passwords before the import; nothing is written yet.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::MyTasksDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/MyTasksDialog.cpp" line="67"/>
        <source>%n open task(s)</source>
        <translation>
            <numerusform>%n open task</numerusform>
            <numerusform>%n open tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/MyTasksDialog.cpp" line="68"/>
        <source>, %n overdue</source>
        <translation>
            <numerusform>, %n overdue</numerusform>
            <numerusform>, %n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::OrderEditorDialog</name>
    <message numerus="yes">
        <location filename="../app/gui/OrderEditorDialog.cpp" line="469"/>
        <source>%1: %n seat(s)</source>
        <translation>
            <numerusform>%1: %n seat</numerusform>
            <numerusform>%1: %n seats</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/gui/OrderEditorDialog.cpp" line="649"/>
        <source>Void order %1 and free its %n seat(s). Nothing was paid for it.</source>
        <translation>
            <numerusform>Void order %1 and free its %n seat. Nothing was paid for it.</numerusform>
            <numerusform>Void order %1 and free its %n seats. Nothing was paid for it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::OrdersSection</name>
    <message numerus="yes">
        <location filename="../app/gui/patron/OrdersSection.cpp" line="67"/>
        <source>%n order(s), %1</source>
        <translation>
            <numerusform>%n order, %1</numerusform>
            <numerusform>%n orders, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::gui::RecurringSection</name>
    <message numerus="yes">
        <location filename="../app/gui/patron/RecurringSection.cpp" line="39"/>
        <source>%n month(s)</source>
        <translation>
            <numerusform>%n month</numerusform>
            <numerusform>%n months</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::reports::DaySheetReport</name>
    <message numerus="yes">
        <location filename="../app/reports/DaySheetReport.cpp" line="70"/>
        <source>Membership seats (%n seat(s), covered by credits)</source>
        <translation>
            <numerusform>Membership seats (%n seat, covered by credits)</numerusform>
            <numerusform>Membership seats (%n seats, covered by credits)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/reports/DaySheetReport.cpp" line="163"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::reports::DonationsReport</name>
    <message numerus="yes">
        <location filename="../app/reports/DonationsReport.cpp" line="52"/>
        <source>%n donation(s)</source>
        <translation>
            <numerusform>%n donation</numerusform>
            <numerusform>%n donations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../app/reports/DonationsReport.cpp" line="115"/>
        <source>%n first-time donor(s)</source>
        <translation>
            <numerusform>%n first-time donor</numerusform>
            <numerusform>%n first-time donors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::reports::RenewalsDueReport</name>
    <message numerus="yes">
        <location filename="../app/reports/RenewalsDueReport.cpp" line="46"/>
        <source>%n membership(s)</source>
        <translation>
            <numerusform>%n membership</numerusform>
            <numerusform>%n memberships</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::reports::ReportDocument</name>
    <message numerus="yes">
        <location filename="../app/reports/ReportDocument.cpp" line="118"/>
        <source>%n row(s), in the CSV export.</source>
        <translation>
            <numerusform>%n row, in the CSV export.</numerusform>
            <numerusform>%n rows, in the CSV export.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>foyer::storage::Database</name>
    <message numerus="yes">
        <location filename="../app/storage/Database.cpp" line="205"/>
        <source>The database file is damaged (%n problem(s) found; first: %1).</source>
        <translation>
            <numerusform>The database file is damaged (%n problem found: %1).</numerusform>
            <numerusform>The database file is damaged (%n problems found; first: %1).</numerusform>
        </translation>
    </message>
</context>
</TS>
