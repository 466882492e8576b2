#pragma once

#include <QString>
#include <QStringList>

namespace foyer::core {

// A typed link between two patrons, shown from both sides: Ada "employer of" Charles is Charles "employee of" Ada.
struct Relationship
{
    QString id;
    QString otherPatronId;
    QString otherName;
    QString type; // as seen from the patron whose profile shows it

    // The types staff pick from, and the type the other side sees.
    static QStringList types();
    static QString reciprocalOf(const QString& type);
};

} // namespace foyer::core
