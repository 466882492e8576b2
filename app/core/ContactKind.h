#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace foyer::core {

// The kinds of contact log, in the database's spelling, and the one label each shows under on screens and reports.
class ContactKind
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::ContactKind)
public:
    static QStringList codes(); // in_person, meeting, phone, email, gift
    static QString label(const QString& code);
};

} // namespace foyer::core
