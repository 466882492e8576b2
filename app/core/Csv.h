#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace foyer::core {

// RFC 4180 CSV: fields separated by commas, optionally quoted with "", a quote inside a quoted field doubled, CRLF or
// LF line ends, a UTF-8 BOM ignored. Parses text already read (no I/O here) and writes rows back.
class Csv
{
public:
    struct Row
    {
        int line = 0; // 1-based line where the record starts, for error messages
        QStringList fields;
    };

    // Rows in order; blank lines are skipped. An unterminated quoted field yields an error naming its line.
    static QList<Row> parse(const QString& text, QString* error = nullptr);
    static QString quote(const QString& field);
    static QString formatRow(const QStringList& fields); // with CRLF
};

} // namespace foyer::core
