#include "SqlScript.h"

namespace foyer::storage {

QStringList SqlScript::split(const QString& script)
{
    QStringList statements;
    QString current;
    const qsizetype length = script.size();
    for (qsizetype i = 0; i < length; ++i) {
        const QChar c = script.at(i);
        const QChar next = i + 1 < length ? script.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') { // line comment: skip to end of line
            while (i < length && script.at(i) != u'\n')
                ++i;
            current += u'\n';
            continue;
        }
        if (c == u'/' && next == u'*') { // block comment
            i += 2;
            while (i + 1 < length && !(script.at(i) == u'*' && script.at(i + 1) == u'/'))
                ++i;
            ++i;
            current += u' ';
            continue;
        }
        if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? QChar(u']') : c;
            current += c;
            for (++i; i < length; ++i) {
                current += script.at(i);
                if (script.at(i) == close) {
                    // a doubled quote inside a quoted string stands for the quote itself
                    if (close != u']' && i + 1 < length && script.at(i + 1) == close) {
                        current += script.at(++i);
                        continue;
                    }
                    break;
                }
            }
            continue;
        }
        if (c == u';') {
            const QString statement = current.trimmed();
            if (!statement.isEmpty())
                statements.append(statement);
            current.clear();
            continue;
        }
        current += c;
    }
    const QString last = current.trimmed();
    if (!last.isEmpty())
        statements.append(last);
    return statements;
}

} // namespace foyer::storage
