#pragma once

#include <QString>

namespace foyer::core {

// One email address or phone number of a patron.
struct ContactPoint
{
    enum class Kind
    {
        Email,
        HomePhone,
        CellPhone,
        WorkPhone,
        OtherPhone
    };

    QString id;
    Kind kind = Kind::Email;
    QString value; // the address, or the number as staff typed it
    bool isPrimary = false;
    bool isOriginal = false; // emails only: the one the patron was created with

    bool isPhone() const { return kind != Kind::Email; }
    static QString kindName(Kind kind); // database spelling: email, home, cell, work, other
    static Kind kindFromName(const QString& name);
};

} // namespace foyer::core
