<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>foyer::storage::Database</name>
    <message numerus="yes">
        <location filename="../app/storage/Database.cpp" line="169"/>
        <source>The database file is damaged (%n problem(s) found; first: %1).</source>
        <translation>
            <numerusform>The database file is damaged (%n problem found: %1).</numerusform>
            <numerusform>The database file is damaged (%n problems found; first: %1).</numerusform>
        </translation>
    </message>
</context>
</TS>
