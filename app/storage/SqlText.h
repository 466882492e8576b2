#pragma once

#include <QString>

namespace foyer::storage {

// Names and values spelled into generated SQL (capture triggers, the sync applier's and uploader's statements), where
// a bound value cannot go: an identifier in double quotes, a text literal in single quotes, each quote doubled.
inline QString quotedIdentifier(const QString& identifier)
{
    QString text = identifier;
    return u'"' + text.replace(u'"', QStringLiteral("\"\"")) + u'"';
}

inline QString quotedLiteral(const QString& text)
{
    QString copy = text;
    return u'\'' + copy.replace(u'\'', QStringLiteral("''")) + u'\'';
}

} // namespace foyer::storage
