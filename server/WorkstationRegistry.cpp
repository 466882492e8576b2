#include "WorkstationRegistry.h"

#include "DatabaseFailure.h"
#include "ServerDatabase.h"
#include "TicketKeys.h"
#include "UuidV7.h"

#include <QJsonArray>

namespace foyer::server {

QString WorkstationRegistry::prefixFor(int index)
{
    // A letter part in bijective base 26 (A..Z, AA..), then a digit 1..9.
    int letters = index / 9;
    const int digit = index % 9 + 1;
    QString head;
    do {
        head.prepend(QChar(u'A' + letters % 26));
        letters = letters / 26 - 1;
    } while (letters >= 0);
    return head + QString::number(digit);
}

QJsonObject WorkstationRegistry::handOutBlock(const QString& venueId, const QString& workstationId)
{
    QSqlQuery& q = m_db.run(QStringLiteral("UPDATE venue SET next_patron_number = next_patron_number + ? WHERE id = ? "
                                           "RETURNING next_patron_number - ?"),
                            {blockSize, venueId, blockSize});
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("venue vanished"));
    const qint64 first = q.value(0).toLongLong();
    const qint64 last = first + blockSize - 1;
    m_db.run(QStringLiteral("INSERT INTO patron_number_block (venue_id, workstation_id, first_number, last_number) "
                            "VALUES (?, ?, ?, ?)"),
             {venueId, workstationId, first, last});
    return {{QStringLiteral("first"), first}, {QStringLiteral("last"), last}};
}

QString WorkstationRegistry::ticketPublicKey(const QString& venueId)
{
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT encode(ticket_public_key, 'base64') FROM venue WHERE id = ?"), {venueId});
    if (!q.next())
        throw DatabaseFailure(QStringLiteral("venue vanished"));
    return q.value(0).toString().remove(u'\n');
}

ApiReply WorkstationRegistry::registerWorkstation(const QString& venueId, const QString& databaseId,
                                                  const QString& name, const QByteArray& workstationTicketKey,
                                                  QString* workstationId)
{
    m_db.begin();
    // One registration of a venue at a time: prefixes and blocks are handed out in order.
    m_db.run(QStringLiteral("SELECT 1 FROM venue WHERE id = ? FOR UPDATE"), {venueId});
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT id, venue_id, prefix FROM workstation WHERE database_id = ?"), {databaseId});
    QString id;
    QString prefix;
    QJsonObject block;
    if (q.next()) {
        if (q.value(1).toString() != venueId) {
            m_db.rollback();
            return ApiReply::error(409, QStringLiteral("conflict"),
                                   QStringLiteral("This workstation's database is registered with another venue."));
        }
        id = q.value(0).toString();
        prefix = q.value(2).toString();
        QSqlQuery& b = m_db.run(QStringLiteral("SELECT first_number, last_number FROM patron_number_block WHERE "
                                               "workstation_id = ? ORDER BY first_number DESC LIMIT 1"),
                                {id});
        if (b.next())
            block = {{QStringLiteral("first"), b.value(0).toLongLong()},
                     {QStringLiteral("last"), b.value(1).toLongLong()}};
        else
            block = handOutBlock(venueId, id);
        if (!name.isEmpty())
            m_db.run(QStringLiteral("UPDATE workstation SET name = ? WHERE id = ? AND name <> ?"), {name, id, name});
    } else {
        QSqlQuery& n = m_db.run(
            QStringLiteral("UPDATE venue SET next_prefix = next_prefix + 1 WHERE id = ? RETURNING next_prefix - 1"),
            {venueId});
        if (!n.next())
            throw DatabaseFailure(QStringLiteral("venue vanished"));
        prefix = prefixFor(n.value(0).toInt());
        id = core::UuidV7::generateText();
        m_db.run(QStringLiteral("INSERT INTO workstation (id, venue_id, database_id, prefix, name) VALUES (?, ?, ?, "
                                "?, ?)"),
                 {id, venueId, databaseId, prefix, name.isEmpty() ? QStringLiteral("Workstation ") + prefix : name});
        block = handOutBlock(venueId, id);
    }
    const QString key = ticketPublicKey(venueId);
    // A revoked workstation registers (its sales still sync) but gets no certificate.
    const QJsonObject certificate =
        workstationTicketKey.isEmpty() ? QJsonObject() : TicketKeys(m_db).certify(venueId, id, workstationTicketKey);
    m_db.commit();
    *workstationId = id;
    QJsonObject reply{{QStringLiteral("workstation_id"), id},
                      {QStringLiteral("venue_id"), venueId},
                      {QStringLiteral("prefix"), prefix},
                      {QStringLiteral("patron_numbers"), block},
                      {QStringLiteral("ticket_public_key"), key}};
    if (!certificate.isEmpty())
        reply.insert(QStringLiteral("ticket_certificate"), certificate);
    return ApiReply::ok(reply);
}

ApiReply WorkstationRegistry::nextPatronNumbers(const QString& venueId, const QString& workstationId)
{
    m_db.begin();
    m_db.run(QStringLiteral("SELECT 1 FROM venue WHERE id = ? FOR UPDATE"), {venueId});
    QSqlQuery& q =
        m_db.run(QStringLiteral("SELECT 1 FROM workstation WHERE id = ? AND venue_id = ?"), {workstationId, venueId});
    if (!q.next()) {
        m_db.rollback();
        return ApiReply::error(404, QStringLiteral("not_found"), QStringLiteral("No such workstation in this venue."));
    }
    const QJsonObject block = handOutBlock(venueId, workstationId);
    m_db.commit();
    return ApiReply::ok({{QStringLiteral("patron_numbers"), block},
                         {QStringLiteral("first"), block.value(QStringLiteral("first"))},
                         {QStringLiteral("last"), block.value(QStringLiteral("last"))}});
}

QString WorkstationRegistry::resolve(const QString& venueId, const QString& idOrDatabaseId)
{
    if (idOrDatabaseId.isEmpty())
        return QString();
    QSqlQuery& q = m_db.run(QStringLiteral("SELECT id FROM workstation WHERE venue_id = ? AND (id = ? OR "
                                           "database_id = ?) ORDER BY (id = ?) DESC LIMIT 1"),
                            {venueId, idOrDatabaseId, idOrDatabaseId, idOrDatabaseId});
    return q.next() ? q.value(0).toString() : QString();
}

ApiReply WorkstationRegistry::ticketKey(const QString& venueId)
{
    const QString key = ticketPublicKey(venueId);
    QStringList revoked = TicketKeys(m_db).revokedWorkstations(venueId).values();
    revoked.sort();
    return ApiReply::ok({{QStringLiteral("public_key"), key},
                         {QStringLiteral("key_id"), TicketKeys::keyId(QByteArray::fromBase64(key.toLatin1()))},
                         {QStringLiteral("revoked_workstations"), QJsonArray::fromStringList(revoked)}});
}

} // namespace foyer::server
