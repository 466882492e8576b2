#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace foyer::core {

// RFC 4180 CSV: fields separated by commas, optionally quoted with "", a quote inside a quoted field doubled, CRLF, LF
// or CR-only line ends (older spreadsheet exports), a UTF-8 BOM ignored. Parses text already read (no I/O here) and
// writes rows back; whatever formatRow writes, parse reads back as the same fields.
class Csv
{
    Q_DECLARE_TR_FUNCTIONS(foyer::core::Csv)
public:
    struct Row
    {
        int line = 0; // 1-based line where the record starts, for error messages
        QStringList fields;
    };

    // Rows in order; lines with nothing on them are skipped (a line holding only "" is a row of one empty field). An
    // unterminated quoted field, or text after a closing quote ("ab"cd), is an error naming its line: no rows then.
    static QList<Row> parse(const QString& text, QString* error = nullptr);
    static QString quote(const QString& field);
    // One record with CRLF. A record always has at least one field: a lone empty field (or none) is written as "",
    // so it is not mistaken for a blank line.
    static QString formatRow(const QStringList& fields);

    // For files that leave Foyer and are opened in a spreadsheet. A field a spreadsheet would run as a formula
    // (starting with =, +, -, @, tab or CR) gets a leading apostrophe, unless it is a plain number such as a
    // report's "-1,234.50": figures stay figures, everything else (names, notes, titles) is shown as typed.
    static QString neutralised(const QString& field);
    static bool isPlainNumber(const QString& field);
    // A whole export: every row padded with empty fields to the widest one (so each row of the file has the same
    // number of fields) and every field neutralised.
    static QString formatExport(const QList<QStringList>& rows);
};

} // namespace foyer::core
