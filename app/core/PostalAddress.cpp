#include "PostalAddress.h"

#include <QRegularExpression>
#include <QStringList>

namespace foyer::core {

QString PostalAddress::singleLine() const
{
    QStringList parts;
    for (const QString& part : {line1, line2})
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    const QString cityLine = QStringList{city.trimmed(), region.trimmed(), postalCode.trimmed()}
                                 .filter(QRegularExpression(QStringLiteral("\\S")))
                                 .join(u' ');
    if (!cityLine.isEmpty())
        parts.append(cityLine);
    if (!country.trimmed().isEmpty())
        parts.append(country.trimmed());
    return parts.join(QStringLiteral(", "));
}

QString PostalAddress::problem() const
{
    if (line1.trimmed().isEmpty())
        return tr("The street line is required.");
    if (city.trimmed().isEmpty())
        return tr("The city is required.");
    if (postalCode.size() > 16)
        return tr("The postal code is longer than 16 characters.");
    return {};
}

} // namespace foyer::core
