#pragma once

#include "Patron.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace foyer::core {

// The details panel's "Personal details" block as staff type it, checked field by field before anything is saved.
struct PersonalDetailsForm
{
    QString firstName;
    QString middleName;
    QString lastName;
    QString preferredName;
    QString nickname;
    QString pronouns;
    QString birthday; // yyyy-mm-dd, or empty
    QString organisation;
    QString preferredContactMethod;
    QString alumniYear; // four digits, or empty
    bool emailSubscription = false;
    QString contactOwnerId; // the staff member who looks after this patron, or empty

    static PersonalDetailsForm from(const Patron& patron);
};

class PersonalDetailsRules
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::PersonalDetailsRules)
public:
    struct Problem
    {
        QString field; // the form member's name, e.g. "birthday"
        QString message;
    };
    struct FieldChange
    {
        QString field;
        QString before;
        QString after;
    };

    // Every problem in the form; when there is none, `patron` takes the form's values (and nothing else changes).
    static QList<Problem> apply(const PersonalDetailsForm& form, const QDate& today, Patron* patron);
    // What differs between two versions of a patron's personal details, for the history ("old -> new").
    static QList<FieldChange> changes(const Patron& before, const Patron& after);
};

} // namespace foyer::core
