#include "PatronDetailsRepository.h"

#include "ChangeLog.h"
#include "Patron.h"
#include "PatronRepository.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

namespace {

// A tag's id follows from its name (case folded), in UUIDv7 form with a zero time: two windows that make the same
// tag offline make the same row, which sync merges, instead of two rows whose names clash on every workstation.
QString tagIdFor(const QString& name)
{
    QByteArray input("foyer tag:");
    input.append(name.toCaseFolded().toUtf8());
    QByteArray bytes = QCryptographicHash::hash(input, QCryptographicHash::Sha256).left(16);
    for (int i = 0; i < 6; ++i)
        bytes[i] = 0;
    bytes[6] = char(0x70 | (bytes[6] & 0x0f));
    bytes[8] = char(0x80 | (bytes[8] & 0x3f));
    const QString hex = QString::fromLatin1(bytes.toHex());
    return hex.mid(0, 8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) + u'-' + hex.mid(20);
}

} // namespace

PatronDetailsRepository::PatronDetailsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QStringList PatronDetailsRepository::tags(const QString& patronId, QString* error)
{
    QStringList out;
    if (!readRows(m_db,
                  QStringLiteral("SELECT t.name FROM patron_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.patron_id = "
                                 "? AND pt.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE"),
                  {patronId}, error, [&](const QSqlQuery& q) { out.append(q.value(0).toString()); }))
        return {};
    return out;
}

bool PatronDetailsRepository::addTag(const QString& patronId, const QString& tag, const QString& actorId,
                                     QString* error)
{
    const QString name = tag.simplified();
    if (name.isEmpty() || name.size() > 40)
        return fail(error, QStringLiteral("A tag is 1 to 40 characters."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM tag WHERE name = ? COLLATE NOCASE"));
    q.addBindValue(name);
    QString tagId;
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (found)
        tagId = q.value(0).toString();
    q.finish();
    bool ok = true;
    if (tagId.isEmpty()) {
        tagId = tagIdFor(name);
        q.prepare(QStringLiteral("INSERT INTO tag (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"));
        for (const QString& value : {tagId, name, now, now})
            q.addBindValue(value);
        ok = q.exec() || fail(error, q.lastError().text());
    }
    // A removed tag comes back by clearing its tombstone (INSERT OR REPLACE keeps one row per patron and tag).
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO patron_tag (patron_id, tag_id, created_at, deleted_at) VALUES "
                             "(?, ?, ?, NULL)"));
    q.addBindValue(patronId);
    q.addBindValue(tagId);
    q.addBindValue(now);
    ok = ok && (q.exec() || fail(error, q.lastError().text()));
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("patron_tag");
        change.entityId = patronId + u'/' + tagId;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("tag_added");
        change.summary = QStringLiteral("Tag \"%1\" added").arg(name);
        change.actorId = actorId;
        change.payload = {{QStringLiteral("patron_id"), patronId}, {QStringLiteral("tag"), name}};
        ok = ChangeLog(m_db).record(change, error);
    }
    // Staff find a patron by tag: the keys follow in the same transaction.
    ok = ok && PatronRepository(m_db).rebuildSearchKeys(patronId, error);
    return txn.finish(ok);
}

bool PatronDetailsRepository::removeTag(const QString& patronId, const QString& tag, const QString& actorId,
                                        QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE patron_tag SET deleted_at = ? WHERE patron_id = ? AND deleted_at IS NULL AND "
                             "tag_id = (SELECT id FROM tag WHERE name = ? COLLATE NOCASE)"));
    q.addBindValue(nowUtcText());
    q.addBindValue(patronId);
    q.addBindValue(tag.simplified());
    bool ok = q.exec() || fail(error, q.lastError().text());
    if (ok && q.numRowsAffected() == 0)
        ok = fail(error, QStringLiteral("The patron has no tag \"%1\".").arg(tag.simplified()));
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("patron_tag");
        change.entityId = patronId + u'/' + tag.simplified();
        change.operation = QStringLiteral("delete");
        change.patronId = patronId;
        change.historyKind = QStringLiteral("tag_removed");
        change.summary = QStringLiteral("Tag \"%1\" removed").arg(tag.simplified());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("patron_id"), patronId}, {QStringLiteral("tag"), tag.simplified()}};
        ok = ChangeLog(m_db).record(change, error);
    }
    ok = ok && PatronRepository(m_db).rebuildSearchKeys(patronId, error);
    return txn.finish(ok);
}

QList<core::Relationship> PatronDetailsRepository::relationships(const QString& patronId, QString* error)
{
    QList<core::Relationship> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral(
            "SELECT r.id, p.id, p.first_name, p.last_name, p.preferred_name, p.organisation, r.type FROM relationship "
            "r "
            "JOIN patron p ON p.id = r.related_patron_id WHERE r.patron_id = ? AND r.deleted_at IS NULL "
            "UNION ALL SELECT r.id, p.id, p.first_name, p.last_name, p.preferred_name, p.organisation, "
            "r.reciprocal_type "
            "FROM relationship r JOIN patron p ON p.id = r.patron_id WHERE r.related_patron_id = ? AND r.deleted_at IS "
            "NULL"),
        {patronId, patronId}, error, [&](const QSqlQuery& q) {
            core::Patron other;
            other.firstName = q.value(2).toString();
            other.lastName = q.value(3).toString();
            other.preferredName = q.value(4).toString();
            other.organisation = q.value(5).toString();
            out.append({q.value(0).toString(), q.value(1).toString(), other.displayName(), q.value(6).toString()});
        });
    return ok ? out : QList<core::Relationship>();
}

bool PatronDetailsRepository::addRelationship(const QString& patronId, const QString& otherPatronId,
                                              const QString& type, const QString& actorId, QString* error)
{
    if (patronId == otherPatronId)
        return fail(error, QStringLiteral("A patron cannot be related to themselves."));
    if (type.trimmed().isEmpty())
        return fail(error, QStringLiteral("Choose the kind of relationship."));
    QString readError;
    const QList<core::Relationship> existingLinks = relationships(patronId, &readError);
    if (!readError.isEmpty())
        return fail(error, readError);
    for (const core::Relationship& existing : existingLinks)
        if (existing.otherPatronId == otherPatronId && existing.type == type.trimmed())
            return fail(error, QStringLiteral("That relationship is already recorded."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    const QString reciprocal = core::Relationship::reciprocalOf(type.trimmed());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO relationship (id, patron_id, related_patron_id, type, reciprocal_type, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const QString& value : {id, patronId, otherPatronId, type.trimmed(), reciprocal, now, now})
        q.addBindValue(value);
    bool ok = q.exec() || fail(error, q.lastError().text());
    if (ok) {
        // Both patrons' histories show it.
        for (const auto& [who, seenAs] : {std::pair{patronId, type.trimmed()}, std::pair{otherPatronId, reciprocal}}) {
            ChangeLog::Change change;
            change.entity = QStringLiteral("relationship");
            change.entityId = id;
            change.patronId = who;
            change.historyKind = QStringLiteral("relationship_added");
            change.summary = QStringLiteral("Relationship added: %1").arg(seenAs);
            change.actorId = actorId;
            change.payload = {{QStringLiteral("id"), id},
                              {QStringLiteral("patron_id"), patronId},
                              {QStringLiteral("related_patron_id"), otherPatronId},
                              {QStringLiteral("type"), type.trimmed()},
                              {QStringLiteral("reciprocal_type"), reciprocal}};
            ok = ok && ChangeLog(m_db).record(change, error);
        }
    }
    return txn.finish(ok);
}

} // namespace foyer::storage
