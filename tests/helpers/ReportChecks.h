#pragma once

// What the report tests share: the PDF read back with pdftotext, a section of the CSV parsed back, an independent
// SQL figure, and keeping the PDF for docs/reports (scripts/reports sets FOYER_KEEP_REPORTS).
#include "Csv.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace foyer::testing {

inline QString pdfText(const QString& pdf)
{
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    if (!text.waitForFinished(60000) || text.exitCode() != 0)
        return {};
    return QString::fromUtf8(text.readAllStandardOutput());
}

// A report's CSV pads every row to the widest section (so a spreadsheet sees one table shape): a row is blank when
// all its fields are, and a section's rows are as wide as its column row without the padding.
inline bool csvBlank(const QStringList& fields)
{
    for (const QString& field : fields)
        if (!field.isEmpty())
            return false;
    return true;
}

inline qsizetype csvWidth(const QStringList& fields)
{
    qsizetype width = fields.size();
    while (width > 0 && fields.at(width - 1).isEmpty())
        --width;
    return width;
}

// The rows of one CSV section after its heading and column row, up to the blank row that ends it, each cut to the
// width of the section's column row.
inline QList<QStringList> csvSection(const QByteArray& csv, const QString& heading)
{
    QList<QStringList> out;
    bool inSection = false;
    qsizetype width = -1;
    QString error;
    const auto rows = core::Csv::parse(QString::fromUtf8(csv), &error);
    if (!error.isEmpty())
        qFatal("the report's CSV does not parse: %s", qPrintable(error));
    for (const auto& row : rows) {
        const QStringList& fields = row.fields;
        if (!inSection) {
            // A heading: one filled field, the rest padding.
            inSection = csvWidth(fields) == 1 && fields.constFirst().endsWith(heading);
            continue;
        }
        if (csvBlank(fields))
            break;
        if (width < 0) {
            width = csvWidth(fields);
            continue;
        }
        out.append(fields.mid(0, width));
    }
    return out;
}

inline qint64 sqlNumber(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        qFatal("query failed: %s", qPrintable(sql));
    return q.value(0).toLongLong();
}

inline void keepForDocs(const QString& pdf, const QString& name)
{
    const QString keep = qEnvironmentVariable("FOYER_KEEP_REPORTS");
    if (keep.isEmpty())
        return;
    QFile::remove(keep + u'/' + name);
    QFile::copy(pdf, keep + u'/' + name);
}

} // namespace foyer::testing
