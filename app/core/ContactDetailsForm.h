#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace foyer::core {

// The details panel's "Email and phone" block as staff leave it: every email the patron keeps (the original always
// stays), which one is primary, and the home and cell numbers (empty: none).
struct ContactDetailsForm
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::ContactDetailsForm)
public:
    QStringList emails;
    QString primaryEmail;
    QString homePhone;
    QString cellPhone;

    struct Problem
    {
        QString field; // newEmail, primaryEmail, homePhone, cellPhone
        QString message;
    };
    // Problems with the form, given the patron's original email (which cannot be dropped); empty when it can be saved.
    QList<Problem> problems(const QString& originalEmail) const;
};

} // namespace foyer::core
