#pragma once

#include <QCoreApplication>
#include <QString>

namespace foyer::core {

// What the quick "New patron" form needs before it saves. The default asks for the least a queue at the window can
// afford: a name (or organisation) and one way to reach the patron. A venue may require more.
struct NewPatronRules
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::NewPatronRules)
public:
    bool requireEmail = false;
    bool requirePhone = false;

    struct Problem
    {
        QString field; // firstName, lastName, email, phone
        QString message;
    };

    // The first problem with what was typed, or an empty field when it can be saved.
    Problem check(const QString& firstName, const QString& lastName, const QString& organisation, const QString& email,
                  const QString& phone) const;
};

} // namespace foyer::core
