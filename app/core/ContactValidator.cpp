#include "ContactValidator.h"

#include "SearchText.h"

#include <QRegularExpression>

namespace foyer::core {

QString ContactValidator::checkEmail(const QString& email)
{
    // Deliberately simple: one @, something before it, a dotted domain after it, no spaces. Anything stricter
    // refuses real addresses at the window.
    static const QRegularExpression pattern(QStringLiteral("^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$"));
    if (email.trimmed().isEmpty())
        return tr("Enter an email address.");
    if (!pattern.match(email.trimmed()).hasMatch())
        return tr("\"%1\" is not an email address (expected name@example.org).").arg(email.trimmed());
    return QString();
}

QString ContactValidator::checkPhone(const QString& phone)
{
    static const QRegularExpression allowed(QStringLiteral("^[\\d\\s()+\\-./]+$"));
    if (phone.trimmed().isEmpty())
        return tr("Enter a phone number.");
    if (!allowed.match(phone.trimmed()).hasMatch())
        return tr("A phone number may only hold digits, spaces and ( ) + - . /");
    const int digits = int(SearchText::digitsOf(phone).size());
    if (digits < 7 || digits > 15)
        return tr("A phone number has 7 to 15 digits; \"%1\" has %2.").arg(phone.trimmed()).arg(digits);
    return QString();
}

} // namespace foyer::core
