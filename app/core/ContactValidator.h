#pragma once

#include <QCoreApplication>
#include <QString>

namespace foyer::core {

// Checks what staff type into contact fields; an empty message means the value is acceptable.
class ContactValidator
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::ContactValidator)
public:
    static QString checkEmail(const QString& email);
    static QString checkPhone(const QString& phone);
};

} // namespace foyer::core
