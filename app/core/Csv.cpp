#include "Csv.h"

namespace foyer::core {

QList<Csv::Row> Csv::parse(const QString& input, QString* error)
{
    QList<Row> rows;
    const QString text = input.startsWith(QChar(0xFEFF)) ? input.mid(1) : input;
    Row row;
    QString field;
    bool quoted = false;
    bool afterQuote = false; // the field's closing quote was read: only a separator or a line end may follow
    bool recordStarted = false;
    int line = 1;
    int quoteLine = 0;
    const auto fail = [&](const QString& message) {
        if (error)
            *error = message;
        return QList<Row>();
    };
    const auto endRecord = [&] {
        // A line with nothing on it is no record; anything else (even a lone "") is one.
        if (recordStarted) {
            row.fields.append(field);
            rows.append(row);
        }
        row = Row();
        field.clear();
        recordStarted = false;
        afterQuote = false;
    };
    // CR, LF and CRLF each end one line; returns the index of the line end's last character.
    const auto lineEnd = [&](qsizetype i) {
        ++line;
        return text.at(i) == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n' ? i + 1 : i;
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
                    afterQuote = true;
                }
            } else if (c == u'\r' || c == u'\n') {
                const qsizetype last = lineEnd(i);
                field.append(text.mid(i, last - i + 1)); // line ends inside a field are data, kept as they were
                i = last;
            } else {
                field.append(c);
            }
            continue;
        }
        if (!recordStarted)
            row.line = line;
        if (c == u',') {
            row.fields.append(field);
            field.clear();
            recordStarted = true;
            afterQuote = false;
        } else if (c == u'\r' || c == u'\n') {
            i = lineEnd(i);
            endRecord();
        } else if (afterQuote) {
            return fail(tr("Line %1: text after the closing quote of a field (a quote inside a quoted field must be "
                           "doubled).")
                            .arg(line));
        } else if (c == u'"' && field.isEmpty()) {
            quoted = true;
            recordStarted = true;
            quoteLine = line;
        } else {
            field.append(c);
            recordStarted = true;
        }
    }
    if (quoted)
        return fail(tr("Line %1: a quoted field is never closed.").arg(quoteLine));
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
    if (fields.size() <= 1 && fields.value(0).isEmpty())
        return QStringLiteral("\"\"\r\n");
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString& field : fields)
        quoted.append(quote(field));
    return quoted.join(u',') + QStringLiteral("\r\n");
}

bool Csv::isPlainNumber(const QString& field)
{
    // An optional minus, then digits with the locale's group and decimal marks between them ("-1,234.50",
    // "-1.234,50", "-1 234,50"), nothing else: a spreadsheet reads it as that number and can run nothing in it.
    const auto digit = [](QChar c) { return c >= u'0' && c <= u'9'; };
    qsizetype i = field.startsWith(u'-') ? 1 : 0;
    if (i >= field.size() || !digit(field.at(i)) || !digit(field.back()))
        return false;
    for (; i < field.size(); ++i) {
        const QChar c = field.at(i);
        const bool mark = c == u',' || c == u'.' || c == u' ' || c == QChar(0x00A0) || c == QChar(0x202F) ||
                          c == u'\'' || c == QChar(0x2019);
        if (!digit(c) && !mark)
            return false;
    }
    return true;
}

QString Csv::neutralised(const QString& field)
{
    if (field.isEmpty())
        return field;
    const QChar first = field.front();
    const bool formula =
        first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
    return formula && !isPlainNumber(field) ? u'\'' + field : field;
}

QString Csv::formatExport(const QList<QStringList>& rows)
{
    qsizetype width = 1;
    for (const QStringList& row : rows)
        width = std::max(width, row.size());
    QString out;
    for (const QStringList& row : rows) {
        QStringList fields;
        fields.reserve(width);
        for (const QString& field : row)
            fields.append(neutralised(field));
        while (fields.size() < width)
            fields.append(QString());
        out += formatRow(fields);
    }
    return out;
}

} // namespace foyer::core
