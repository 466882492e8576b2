#include "PatronDetailsRepository.h"

#include "ChangeLog.h"
#include "Patron.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "UuidV7.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

PatronDetailsRepository::PatronDetailsRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool PatronDetailsRepository::begin(QString* error)
{
    return m_db.transaction() || fail(error, m_db.lastError().text());
}

bool PatronDetailsRepository::finish(bool ok, QString* error)
{
    if (ok && m_db.commit())
        return true;
    if (ok && error)
        *error = m_db.lastError().text();
    m_db.rollback();
    return false;
}

QStringList PatronDetailsRepository::tags(const QString& patronId)
{
    QStringList out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.name FROM patron_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.patron_id = ? "
                             "AND pt.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE"));
    q.addBindValue(patronId);
    if (q.exec())
        while (q.next())
            out.append(q.value(0).toString());
    return out;
}

bool PatronDetailsRepository::addTag(const QString& patronId, const QString& tag, const QString& actorId,
                                     QString* error)
{
    const QString name = tag.simplified();
    if (name.isEmpty() || name.size() > 40)
        return fail(error, QStringLiteral("A tag is 1 to 40 characters."));
    if (!begin(error))
        return false;
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM tag WHERE name = ? COLLATE NOCASE"));
    q.addBindValue(name);
    QString tagId;
    if (q.exec() && q.next())
        tagId = q.value(0).toString();
    q.finish();
    bool ok = true;
    if (tagId.isEmpty()) {
        tagId = core::UuidV7::generateText();
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
    return finish(ok, error);
}

bool PatronDetailsRepository::removeTag(const QString& patronId, const QString& tag, const QString& actorId,
                                        QString* error)
{
    if (!begin(error))
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
    return finish(ok, error);
}

QList<core::Relationship> PatronDetailsRepository::relationships(const QString& patronId)
{
    QList<core::Relationship> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT r.id, p.id, p.first_name, p.last_name, p.preferred_name, p.organisation, r.type FROM relationship r "
        "JOIN patron p ON p.id = r.related_patron_id WHERE r.patron_id = ? AND r.deleted_at IS NULL "
        "UNION ALL SELECT r.id, p.id, p.first_name, p.last_name, p.preferred_name, p.organisation, r.reciprocal_type "
        "FROM relationship r JOIN patron p ON p.id = r.patron_id WHERE r.related_patron_id = ? AND r.deleted_at IS "
        "NULL"));
    q.addBindValue(patronId);
    q.addBindValue(patronId);
    if (q.exec())
        while (q.next()) {
            core::Patron other;
            other.firstName = q.value(2).toString();
            other.lastName = q.value(3).toString();
            other.preferredName = q.value(4).toString();
            other.organisation = q.value(5).toString();
            out.append({q.value(0).toString(), q.value(1).toString(), other.displayName(), q.value(6).toString()});
        }
    return out;
}

bool PatronDetailsRepository::addRelationship(const QString& patronId, const QString& otherPatronId,
                                              const QString& type, const QString& actorId, QString* error)
{
    if (patronId == otherPatronId)
        return fail(error, QStringLiteral("A patron cannot be related to themselves."));
    if (type.trimmed().isEmpty())
        return fail(error, QStringLiteral("Choose the kind of relationship."));
    for (const core::Relationship& existing : relationships(patronId))
        if (existing.otherPatronId == otherPatronId && existing.type == type.trimmed())
            return fail(error, QStringLiteral("That relationship is already recorded."));
    if (!begin(error))
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
    return finish(ok, error);
}

} // namespace foyer::storage
