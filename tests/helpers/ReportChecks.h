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

// The rows of one CSV section after its heading and column row, up to the blank line that ends it.
inline QList<QStringList> csvSection(const QByteArray& csv, const QString& heading)
{
    QList<QStringList> out;
    bool inSection = false;
    bool headerSkipped = false;
    for (const auto& row : core::Csv::parse(QString::fromUtf8(csv))) {
        const QStringList fields = row.fields;
        // A blank line or the next section's heading (a row of one field) ends it; the parser may drop blank lines.
        const bool blank = fields.size() <= 1;
        if (!inSection) {
            inSection = fields.size() == 1 && fields.constFirst().endsWith(heading);
            continue;
        }
        if (blank)
            break;
        if (!headerSkipped) {
            headerSkipped = true;
            continue;
        }
        out.append(fields);
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
