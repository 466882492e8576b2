#pragma once

#include <QCoreApplication>
#include <QString>

namespace foyer::core {

// A staff account. The signed-in member is the author of notes and logs, the From/Reply-To of emails and the actor
// in history and audit rows.
struct StaffMember
{
    enum class Role
    {
        BoxOffice,
        Development,
        Manager,
        Admin
    };

    QString id;
    QString username;
    QString displayName;
    QString email;
    Role role = Role::BoxOffice;

    static QString roleCode(Role role); // database spelling: box_office, development, manager, admin
    static Role roleFromCode(const QString& code);
    static QString roleLabel(Role role);
};

} // namespace foyer::core
