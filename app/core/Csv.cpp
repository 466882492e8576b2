#include "Csv.h"

namespace foyer::core {

QList<Csv::Row> Csv::parse(const QString& input, QString* error)
{
    QList<Row> rows;
    const QString text = input.startsWith(QChar(0xFEFF)) ? input.mid(1) : input;
    Row row;
    row.line = 1;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    const auto endRecord = [&] {
        if (fieldStarted || !row.fields.isEmpty())
            row.fields.append(field);
        const bool blank = row.fields.isEmpty() || (row.fields.size() == 1 && row.fields.constFirst().isEmpty());
        if (!blank)
            rows.append(row);
        row = Row();
        field.clear();
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    field.append(u'"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field.append(c);
            }
            continue;
        }
        if (row.fields.isEmpty() && !fieldStarted && field.isEmpty())
            row.line = line;
        if (c == u'"' && field.isEmpty()) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
        } else if (c == u',') {
            row.fields.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == u'\r') {
            continue; // CRLF: the LF ends the record
        } else if (c == u'\n') {
            endRecord();
            ++line;
        } else {
            field.append(c);
            fieldStarted = true;
        }
    }
    if (quoted) {
        if (error)
            *error = QStringLiteral("Line %1: a quoted field is never closed.").arg(quoteLine);
        return {};
    }
    endRecord();
    return rows;
}

QString Csv::quote(const QString& field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\n') && !field.contains(u'\r'))
        return field;
    return u'"' + QString(field).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
}

QString Csv::formatRow(const QStringList& fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& field : fields)
        quoted.append(quote(field));
    return quoted.join(u',') + QStringLiteral("\r\n");
}

} // namespace foyer::core
