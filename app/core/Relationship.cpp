#include "Relationship.h"

namespace foyer::core {

QStringList Relationship::types()
{
    return {QStringLiteral("spouse"),     QStringLiteral("partner"),  QStringLiteral("parent"),
            QStringLiteral("child"),      QStringLiteral("sibling"),  QStringLiteral("friend"),
            QStringLiteral("employer"),   QStringLiteral("employee"), QStringLiteral("assistant"),
            QStringLiteral("assisted by")};
}

QString Relationship::reciprocalOf(const QString& type)
{
    static const QList<std::pair<QString, QString>> pairs = {
        {QStringLiteral("parent"), QStringLiteral("child")},
        {QStringLiteral("employer"), QStringLiteral("employee")},
        {QStringLiteral("assistant"), QStringLiteral("assisted by")}};
    for (const auto& [one, other] : pairs) {
        if (type == one)
            return other;
        if (type == other)
            return one;
    }
    return type; // spouse, partner, sibling, friend and any venue-specific type read the same both ways
}

} // namespace foyer::core
