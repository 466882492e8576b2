#include "WorkstationIdentity.h"

#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "Transaction.h"

#include <QCoreApplication>
#include <QHash>
#include <iterator>

namespace foyer::storage {

namespace {

const char* const Names[] = {
    "workstation_id",      "venue_id",      "workstation_prefix",        "server_url",        "patron_numbers_first",
    "patron_numbers_last", "server_ca_pem", "server_certificate_sha256", "ticket_certificate"};
constexpr int NameCount = int(std::size(Names));

} // namespace

WorkstationIdentity::WorkstationIdentity(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<WorkstationIdentity::Registration> WorkstationIdentity::load(QString* error)
{
    QHash<QString, QString> values;
    if (!readRows(m_db,
                  QStringLiteral("SELECT name, value FROM workstation_setting WHERE name IN ('workstation_id', "
                                 "'venue_id', 'workstation_prefix', 'server_url', 'patron_numbers_first', "
                                 "'patron_numbers_last', 'server_ca_pem', 'server_certificate_sha256', "
                                 "'ticket_certificate')"),
                  {}, error, [&](const QSqlQuery& q) { values.insert(q.value(0).toString(), q.value(1).toString()); }))
        return std::nullopt;
    Registration r;
    r.workstationId = values.value(QStringLiteral("workstation_id"));
    r.venueId = values.value(QStringLiteral("venue_id"));
    r.prefix = values.value(QStringLiteral("workstation_prefix"));
    r.serverUrl = values.value(QStringLiteral("server_url"));
    r.patronNumbersFirst = values.value(QStringLiteral("patron_numbers_first")).toLongLong();
    r.patronNumbersLast = values.value(QStringLiteral("patron_numbers_last")).toLongLong();
    r.caCertificatePem = values.value(QStringLiteral("server_ca_pem"));
    r.serverCertificateSha256 = values.value(QStringLiteral("server_certificate_sha256"));
    r.ticketCertificate = values.value(QStringLiteral("ticket_certificate"));
    return r;
}

bool WorkstationIdentity::save(const Registration& r, QString* error)
{
    if (r.workstationId.isEmpty() || r.prefix.isEmpty())
        return fail(error, QStringLiteral("A registration needs a workstation id and a prefix"));
    if (r.patronNumbersFirst <= 0 || r.patronNumbersLast < r.patronNumbersFirst)
        return fail(error, QStringLiteral("The patron number block %1-%2 is not a range")
                               .arg(r.patronNumbersFirst)
                               .arg(r.patronNumbersLast));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    if (!prepareQuery(q, QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES (?, ?)"),
                      error))
        return false;
    const QString values[] = {r.workstationId,
                              r.venueId,
                              r.prefix,
                              r.serverUrl,
                              QString::number(r.patronNumbersFirst),
                              QString::number(r.patronNumbersLast),
                              r.caCertificatePem,
                              r.serverCertificateSha256,
                              r.ticketCertificate};
    static_assert(std::size(values) == std::size(Names));
    bool ok = true;
    for (int i = 0; i < NameCount && ok; ++i)
        ok = runBound(q, {QString::fromLatin1(Names[i]), values[i].isNull() ? QStringLiteral("") : values[i]}, error);
    return txn.finish(ok);
}

bool WorkstationIdentity::setTicketCertificate(const QString& certificate, QString* error)
{
    if (certificate.isEmpty())
        return fail(error, QStringLiteral("An empty ticket certificate"));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    const bool ok =
        prepareQuery(q, QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES (?, ?)"),
                     error) &&
        runBound(q, {QStringLiteral("ticket_certificate"), certificate}, error);
    return txn.finish(ok);
}

bool WorkstationIdentity::setPatronNumberBlock(qint64 first, qint64 last, QString* error)
{
    if (first <= 0 || last < first)
        return fail(error, QStringLiteral("The patron number block %1-%2 is not a range").arg(first).arg(last));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    const bool ok =
        prepareQuery(q, QStringLiteral("INSERT OR REPLACE INTO workstation_setting (name, value) VALUES (?, ?)"),
                     error) &&
        runBound(q, {QStringLiteral("patron_numbers_first"), QString::number(first)}, error) &&
        runBound(q, {QStringLiteral("patron_numbers_last"), QString::number(last)}, error);
    return txn.finish(ok);
}

qint64 WorkstationIdentity::nextPatronNumber(QString* error)
{
    const std::optional<Registration> r = load(error);
    if (!r)
        return -1;
    qint64 next = -1;
    if (r->workstationId.isEmpty() || r->patronNumbersLast <= 0) {
        if (!readRows(m_db, QStringLiteral("SELECT coalesce(max(patron_number), 0) + 1 FROM patron"), {}, error,
                      [&](const QSqlQuery& q) { next = q.value(0).toLongLong(); }))
            return -1;
        return next;
    }
    if (!readRows(m_db,
                  QStringLiteral("SELECT coalesce(max(patron_number) + 1, ?) FROM patron WHERE patron_number "
                                 "BETWEEN ? AND ?"),
                  {r->patronNumbersFirst, r->patronNumbersFirst, r->patronNumbersLast}, error,
                  [&](const QSqlQuery& q) { next = q.value(0).toLongLong(); }))
        return -1;
    if (next > r->patronNumbersLast) {
        fail(error, QCoreApplication::translate("WorkstationIdentity",
                                                "This workstation has used its patron numbers; sync to get more"));
        return -1;
    }
    return next;
}

qint64 WorkstationIdentity::patronNumbersLeft(QString* error)
{
    const std::optional<Registration> r = load(error);
    if (!r || r->workstationId.isEmpty() || r->patronNumbersLast <= 0)
        return -1;
    QString numberError;
    const qint64 next = nextPatronNumber(&numberError);
    if (next < 0)
        return numberError.contains(QLatin1String("used its patron numbers")) ? 0 : -1;
    return r->patronNumbersLast - next + 1;
}

} // namespace foyer::storage
