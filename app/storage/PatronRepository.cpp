#include "PatronRepository.h"

#include <QHash>

#include "ChangeLog.h"
#include "SearchText.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"
#include "WorkstationIdentity.h"

#include <QHash>
#include <QSqlError>
#include <QVariant>

namespace foyer::storage {

namespace {

const QString PatronColumns = QStringLiteral(
    "id, patron_number, first_name, last_name, preferred_name, organisation, original_email, source, created_at, "
    "title, middle_name, suffix, nickname, pronouns, birthday, preferred_contact_method, email_subscription, "
    "alumni_year, household_id, contact_owner_id");

// For NOT NULL text columns: a null QString would bind as NULL.
QString textOrEmpty(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// The upper bound of a case-insensitive prefix range: "smi" -> "smj". Lets SQLite use the NOCASE index with a
// range scan instead of LIKE (which 3.15 only optimises under case_sensitive_like rules).
QString prefixUpperBound(const QString& prefix)
{
    QString upper = prefix;
    for (QChar& c : upper) // NOCASE folds ASCII letters only; fold them the same way before taking the successor
        if (c.unicode() >= u'A' && c.unicode() <= u'Z')
            c = QChar(c.unicode() + (u'a' - u'A'));
    return core::SearchText::prefixEnd(upper);
}

} // namespace

PatronRepository::PatronRepository(QSqlDatabase db)
    : m_db(std::move(db))
    , m_insert(m_db)
    , m_insertKey(m_db)
    , m_prefixLookup(m_db)
{
    m_insert.prepare(QStringLiteral("INSERT INTO patron (") + PatronColumns +
                     QStringLiteral(", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                    "?, ?)"));
    m_insertKey.prepare(
        QStringLiteral("INSERT OR IGNORE INTO patron_search_key (key, patron_id, kind) VALUES (?, ?, ?)"));
    m_prefixLookup.setForwardOnly(true);
    m_prefixLookup.prepare(QStringLiteral("SELECT ") + PatronColumns +
                           QStringLiteral(" FROM patron WHERE last_name >= ? COLLATE NOCASE AND last_name < ? COLLATE "
                                          "NOCASE AND deleted_at IS NULL ORDER BY last_name COLLATE NOCASE, first_name "
                                          "COLLATE NOCASE LIMIT ?"));
}

qint64 PatronRepository::count(QString* error)
{
    qint64 result = -1;
    if (!readRows(m_db, QStringLiteral("SELECT count(*) FROM patron WHERE deleted_at IS NULL"), {}, error,
                  [&](const QSqlQuery& q) { result = q.value(0).toLongLong(); }))
        return -1;
    return result;
}

QStringList PatronRepository::firstIds(int limit, QString* error)
{
    QStringList out;
    if (!readRows(m_db, QStringLiteral("SELECT id FROM patron WHERE deleted_at IS NULL ORDER BY patron_number LIMIT ?"),
                  {limit}, error, [&](const QSqlQuery& q) { out.append(q.value(0).toString()); }))
        return {};
    return out;
}

qint64 PatronRepository::nextPatronNumber(QString* error)
{
    return WorkstationIdentity(m_db).nextPatronNumber(error);
}

bool PatronRepository::insert(const core::Patron& patron, QString* error, const QList<core::ContactPoint>& contacts)
{
    const QString createdAt = patron.createdAt.toUTC().toString(Qt::ISODateWithMs);
    const QVariantList values = {patron.id,
                                 patron.patronNumber,
                                 textOrEmpty(patron.firstName),
                                 textOrEmpty(patron.lastName),
                                 textOrNull(patron.preferredName),
                                 textOrNull(patron.organisation),
                                 textOrNull(patron.originalEmail),
                                 patron.source.isEmpty() ? QStringLiteral("box_office") : patron.source,
                                 createdAt,
                                 textOrNull(patron.title),
                                 textOrNull(patron.middleName),
                                 textOrNull(patron.suffix),
                                 textOrNull(patron.nickname),
                                 textOrNull(patron.pronouns),
                                 patron.birthday.isValid() ? QVariant(patron.birthday) : QVariant(),
                                 textOrNull(patron.preferredContactMethod),
                                 patron.emailSubscription ? 1 : 0,
                                 patron.alumniYear > 0 ? QVariant(patron.alumniYear) : QVariant(),
                                 textOrNull(patron.householdId),
                                 textOrNull(patron.contactOwnerId),
                                 createdAt};
    for (int i = 0; i < values.size(); ++i)
        m_insert.bindValue(i, values.at(i));
    if (!m_insert.exec()) {
        if (error)
            *error = m_insert.lastError().text();
        return false;
    }
    for (const core::ContactPoint& contact : contacts)
        if (!writeContactRow(patron.id, contact, error))
            return false;
    return writeSearchKeys(patron, contacts, {}, error);
}

bool PatronRepository::writeSearchKeys(const core::Patron& patron, const QList<core::ContactPoint>& contacts,
                                       const QStringList& tags, QString* error)
{
    QStringList emails, phones;
    if (!patron.originalEmail.isEmpty())
        emails.append(patron.originalEmail);
    for (const core::ContactPoint& contact : contacts)
        (contact.isPhone() ? phones : emails).append(contact.value);
    const auto keys =
        core::SearchText::keysFor(patron.firstName, patron.lastName, {patron.preferredName, patron.nickname},
                                  patron.organisation, emails, phones, patron.patronNumber, tags);
    for (const auto& key : keys) {
        m_insertKey.bindValue(0, key.text);
        m_insertKey.bindValue(1, patron.id);
        m_insertKey.bindValue(2, int(key.kind));
        if (!m_insertKey.exec()) {
            if (error)
                *error = m_insertKey.lastError().text();
            return false;
        }
    }
    return true;
}

bool PatronRepository::insertBatch(const QList<std::pair<core::Patron, QList<core::ContactPoint>>>& patrons,
                                   QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    bool ok = true;
    for (const auto& [patron, contacts] : patrons)
        if (!(ok = insert(patron, error, contacts)))
            break;
    return txn.finish(ok);
}

bool PatronRepository::insertBatch(const QList<core::Patron>& patrons, QString* error)
{
    QList<std::pair<core::Patron, QList<core::ContactPoint>>> withoutContacts;
    withoutContacts.reserve(patrons.size());
    for (const core::Patron& patron : patrons)
        withoutContacts.append({patron, {}});
    return insertBatch(withoutContacts, error);
}

bool PatronRepository::insertContact(const QString& patronId, const core::ContactPoint& contact, QString* error)
{
    return writeContactRow(patronId, contact, error) && rebuildSearchKeys(patronId, error);
}

bool PatronRepository::writeContactRow(const QString& patronId, const core::ContactPoint& contact, QString* error)
{
    QSqlQuery query(m_db);
    const QString now = nowUtcText();
    if (contact.isPhone()) {
        query.prepare(QStringLiteral("INSERT INTO patron_phone (id, patron_id, kind, number, digits, is_primary, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(contact.id.isEmpty() ? core::UuidV7::generateText() : contact.id);
        query.addBindValue(patronId);
        query.addBindValue(core::ContactPoint::kindName(contact.kind));
        query.addBindValue(contact.value.trimmed());
        query.addBindValue(core::SearchText::digitsOf(contact.value));
        query.addBindValue(contact.isPrimary ? 1 : 0);
    } else {
        query.prepare(QStringLiteral("INSERT INTO patron_email (id, patron_id, address, is_primary, is_original, "
                                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(contact.id.isEmpty() ? core::UuidV7::generateText() : contact.id);
        query.addBindValue(patronId);
        query.addBindValue(contact.value.trimmed());
        query.addBindValue(contact.isPrimary ? 1 : 0);
        query.addBindValue(contact.isOriginal ? 1 : 0);
    }
    query.addBindValue(now);
    query.addBindValue(now);
    if (!query.exec()) {
        if (error)
            *error = query.lastError().text();
        return false;
    }
    return true;
}

bool PatronRepository::rebuildSearchKeys(const QString& patronId, QString* error)
{
    QString readError;
    const std::optional<core::PatronProfile> profile = loadProfile(patronId, &readError);
    if (!profile)
        return fail(error, readError.isEmpty() ? QStringLiteral("patron %1 not found").arg(patronId) : readError);
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM patron_search_key WHERE patron_id = ?"));
    remove.addBindValue(patronId);
    if (!remove.exec()) {
        if (error)
            *error = remove.lastError().text();
        return false;
    }
    return writeSearchKeys(profile->patron, profile->emails + profile->phones, profile->tags, error);
}

bool PatronRepository::createPatron(const core::Patron& patron, const QList<core::ContactPoint>& contacts,
                                    const QString& actorId, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    bool ok = insert(patron, error, contacts);
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("patron");
        change.entityId = patron.id;
        change.patronId = patron.id;
        change.historyKind = QStringLiteral("patron_created");
        change.summary = QStringLiteral("Patron %1 created (%2)").arg(patron.displayName(), patron.source);
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), patron.id},
                          {QStringLiteral("patron_number"), patron.patronNumber},
                          {QStringLiteral("first_name"), patron.firstName},
                          {QStringLiteral("last_name"), patron.lastName},
                          {QStringLiteral("organisation"), patron.organisation},
                          {QStringLiteral("original_email"), patron.originalEmail}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

core::Patron PatronRepository::fromQuery(const QSqlQuery& query)
{
    core::Patron patron;
    patron.id = query.value(0).toString();
    patron.patronNumber = query.value(1).toLongLong();
    patron.firstName = query.value(2).toString();
    patron.lastName = query.value(3).toString();
    patron.preferredName = query.value(4).toString();
    patron.organisation = query.value(5).toString();
    patron.originalEmail = query.value(6).toString();
    patron.source = query.value(7).toString();
    patron.createdAt = QDateTime::fromString(query.value(8).toString(), Qt::ISODateWithMs);
    patron.title = query.value(9).toString();
    patron.middleName = query.value(10).toString();
    patron.suffix = query.value(11).toString();
    patron.nickname = query.value(12).toString();
    patron.pronouns = query.value(13).toString();
    patron.birthday = QDate::fromString(query.value(14).toString(), Qt::ISODate);
    patron.preferredContactMethod = query.value(15).toString();
    patron.emailSubscription = query.value(16).toInt() != 0;
    patron.alumniYear = query.value(17).toInt();
    patron.householdId = query.value(18).toString();
    patron.contactOwnerId = query.value(19).toString();
    return patron;
}

QList<core::Patron> PatronRepository::findByLastNamePrefix(const QString& prefix, int limit, QString* error)
{
    QList<core::Patron> result;
    if (prefix.isEmpty())
        return result;
    m_prefixLookup.bindValue(0, prefix);
    m_prefixLookup.bindValue(1, prefixUpperBound(prefix));
    m_prefixLookup.bindValue(2, limit);
    const bool ok = readRows(m_prefixLookup, error, [&](const QSqlQuery& q) { result.append(fromQuery(q)); });
    m_prefixLookup.finish();
    return ok ? result : QList<core::Patron>();
}

std::optional<core::Patron> PatronRepository::findById(const QString& id, QString* error)
{
    std::optional<core::Patron> found;
    if (!readRows(m_db, QStringLiteral("SELECT ") + PatronColumns + QStringLiteral(" FROM patron WHERE id = ?"), {id},
                  error, [&](const QSqlQuery& q) { found = fromQuery(q); }))
        return std::nullopt;
    return found;
}

std::optional<QString> PatronRepository::idForPatronNumber(qint64 patronNumber, QString* error)
{
    std::optional<QString> found;
    if (!readRows(m_db, QStringLiteral("SELECT id FROM patron WHERE patron_number = ? AND deleted_at IS NULL"),
                  {patronNumber}, error, [&](const QSqlQuery& q) { found = q.value(0).toString(); }))
        return std::nullopt;
    return found;
}

std::optional<core::PatronProfile> PatronRepository::loadProfile(const QString& id, QString* error)
{
    const std::optional<core::Patron> patron = findById(id, error);
    if (!patron)
        return std::nullopt;
    core::PatronProfile profile;
    profile.patron = *patron;
    const bool ok =
        readRows(m_db,
                 QStringLiteral("SELECT id, address, is_primary, is_original FROM patron_email WHERE patron_id = ? "
                                "AND deleted_at IS NULL ORDER BY is_primary DESC, created_at"),
                 {id}, error,
                 [&](const QSqlQuery& q) {
                     profile.emails.append({q.value(0).toString(), core::ContactPoint::Kind::Email,
                                            q.value(1).toString(), q.value(2).toInt() != 0, q.value(3).toInt() != 0});
                 }) &&
        readRows(m_db,
                 QStringLiteral("SELECT id, kind, number, is_primary FROM patron_phone WHERE patron_id = ? AND "
                                "deleted_at IS NULL ORDER BY is_primary DESC, created_at"),
                 {id}, error,
                 [&](const QSqlQuery& q) {
                     profile.phones.append({q.value(0).toString(),
                                            core::ContactPoint::kindFromName(q.value(1).toString()),
                                            q.value(2).toString(), q.value(3).toInt() != 0, false});
                 }) &&
        readRows(m_db,
                 QStringLiteral("SELECT id, line1, line2, city, region, postal_code, country, is_primary FROM "
                                "patron_address WHERE patron_id = ? AND deleted_at IS NULL ORDER BY is_primary DESC, "
                                "created_at"),
                 {id}, error,
                 [&](const QSqlQuery& q) {
                     core::PostalAddress address;
                     address.id = q.value(0).toString();
                     address.line1 = q.value(1).toString();
                     address.line2 = q.value(2).toString();
                     address.city = q.value(3).toString();
                     address.region = q.value(4).toString();
                     address.postalCode = q.value(5).toString();
                     address.country = q.value(6).toString();
                     address.isPrimary = q.value(7).toInt() != 0;
                     profile.addresses.append(address);
                 }) &&
        readRows(m_db,
                 QStringLiteral("SELECT t.name FROM patron_tag pt JOIN tag t ON t.id = pt.tag_id WHERE pt.patron_id "
                                "= ? AND pt.deleted_at IS NULL ORDER BY t.name"),
                 {id}, error, [&](const QSqlQuery& q) { profile.tags.append(q.value(0).toString()); }) &&
        readRows(m_db,
                 QStringLiteral("SELECT (SELECT name FROM household WHERE id = ?), (SELECT display_name FROM "
                                "staff_user WHERE id = ?)"),
                 {patron->householdId, patron->contactOwnerId}, error, [&](const QSqlQuery& q) {
                     profile.householdName = q.value(0).toString();
                     profile.contactOwnerName = q.value(1).toString();
                 });
    if (!ok)
        return std::nullopt;
    return profile;
}

QList<PatronRepository::Match> PatronRepository::findByContact(const QString& email, const QString& phone,
                                                               QString* error)
{
    QList<Match> matches;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    bool ok = true;
    auto collect = [&](const QString& matchedOn) {
        ok = ok && readRows(query, error, [&](const QSqlQuery& q) {
                 core::Patron p;
                 p.firstName = q.value(1).toString();
                 p.lastName = q.value(2).toString();
                 p.preferredName = q.value(3).toString();
                 p.organisation = q.value(4).toString();
                 matches.append({q.value(0).toString(), p.displayName(), matchedOn});
             });
    };
    if (!email.trimmed().isEmpty()) {
        query.prepare(QStringLiteral("SELECT DISTINCT p.id, p.first_name, p.last_name, p.preferred_name, "
                                     "p.organisation FROM patron_email e JOIN patron p ON p.id = e.patron_id WHERE "
                                     "e.address = ? COLLATE NOCASE AND e.deleted_at IS NULL AND p.deleted_at IS NULL"));
        query.addBindValue(email.trimmed());
        collect(email.trimmed());
    }
    const QString digits = core::SearchText::digitsOf(phone);
    if (!digits.isEmpty()) {
        query.prepare(QStringLiteral("SELECT DISTINCT p.id, p.first_name, p.last_name, p.preferred_name, "
                                     "p.organisation FROM patron_phone f JOIN patron p ON p.id = f.patron_id WHERE "
                                     "f.digits = ? AND f.deleted_at IS NULL AND p.deleted_at IS NULL"));
        query.addBindValue(digits);
        collect(phone.trimmed());
    }
    return ok ? matches : QList<Match>();
}

QList<PatronRepository::Match> PatronRepository::findByName(const QString& firstName, const QString& lastName,
                                                            QString* error)
{
    const QString first = core::SearchText::normalizeWord(firstName);
    const QString last = core::SearchText::normalizeWord(lastName);
    if (first.isEmpty() || last.isEmpty())
        return {};
    // The "first last" phrase key, word by word, finds the candidates through the search B-tree; the phrase is
    // also another patron's "last first" or "preferred last", so each candidate's own names are compared.
    const QString phrase =
        core::SearchText::wordsOf(firstName).join(u' ') + u' ' + core::SearchText::wordsOf(lastName).join(u' ');
    QList<Match> matches;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT DISTINCT p.id, p.first_name, p.last_name, p.preferred_name, p.organisation FROM "
                       "patron_search_key k JOIN patron p ON p.id = k.patron_id WHERE k.key = ? AND k.kind = ? AND "
                       "p.deleted_at IS NULL ORDER BY p.patron_number"),
        {phrase, int(core::SearchText::KeyKind::NamePhrase)}, error, [&](const QSqlQuery& q) {
            core::Patron p;
            p.firstName = q.value(1).toString();
            p.lastName = q.value(2).toString();
            p.preferredName = q.value(3).toString();
            p.organisation = q.value(4).toString();
            if (core::SearchText::normalizeWord(p.firstName) != first ||
                core::SearchText::normalizeWord(p.lastName) != last)
                return;
            matches.append({q.value(0).toString(), p.displayName(), p.firstName + u' ' + p.lastName});
        });
    return ok ? matches : QList<Match>();
}

bool PatronRepository::rebuildAllSearchKeys(QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    return txn.finish(writeAllSearchKeys(error));
}

bool PatronRepository::writeAllSearchKeys(QString* error)
{
    QSqlQuery remove(m_db);
    if (!remove.exec(QStringLiteral("DELETE FROM patron_search_key")))
        return fail(error, remove.lastError().text());
    QStringList all;
    if (!readRows(m_db, QStringLiteral("SELECT id FROM patron WHERE deleted_at IS NULL"), {}, error,
                  [&](const QSqlQuery& q) { all.append(q.value(0).toString()); }))
        return false;
    return rebuildSearchKeys(all, error);
}

bool PatronRepository::rebuildSearchKeys(const QStringList& patronIds, QString* error)
{
    // Chunks below SQLite's 999 bound values; each reads the patrons and their live contacts with one statement
    // per table, as loadProfile would read them one by one.
    constexpr qsizetype Chunk = 400;
    QStringList ids = patronIds;
    ids.removeDuplicates();
    for (qsizetype from = 0; from < ids.size(); from += Chunk) {
        const QStringList chunk = ids.mid(from, Chunk);
        QVariantList values;
        values.reserve(chunk.size());
        for (const QString& id : chunk)
            values.append(id);
        QString marks = QStringLiteral("?");
        for (qsizetype i = 1; i < chunk.size(); ++i)
            marks += QStringLiteral(", ?");
        const QString in = QStringLiteral(" IN (") + marks + u')';

        QSqlQuery remove(m_db);
        if (!remove.prepare(QStringLiteral("DELETE FROM patron_search_key WHERE patron_id") + in))
            return fail(error, remove.lastError().text());
        for (qsizetype i = 0; i < values.size(); ++i)
            remove.bindValue(int(i), values.at(i));
        if (!remove.exec())
            return fail(error, remove.lastError().text());

        QList<core::Patron> patrons;
        QHash<QString, QList<core::ContactPoint>> contacts;
        QHash<QString, QStringList> tags;
        const bool read =
            readRows(m_db, QStringLiteral("SELECT ") + PatronColumns + QStringLiteral(" FROM patron WHERE id") + in,
                     values, error, [&](const QSqlQuery& q) { patrons.append(fromQuery(q)); }) &&
            readRows(m_db,
                     QStringLiteral("SELECT patron_id, address FROM patron_email WHERE deleted_at IS NULL AND "
                                    "patron_id") +
                         in,
                     values, error,
                     [&](const QSqlQuery& q) {
                         contacts[q.value(0).toString()].append(
                             {QString(), core::ContactPoint::Kind::Email, q.value(1).toString(), false, false});
                     }) &&
            readRows(m_db,
                     QStringLiteral("SELECT patron_id, kind, number FROM patron_phone WHERE deleted_at IS NULL AND "
                                    "patron_id") +
                         in,
                     values, error,
                     [&](const QSqlQuery& q) {
                         contacts[q.value(0).toString()].append(
                             {QString(), core::ContactPoint::kindFromName(q.value(1).toString()), q.value(2).toString(),
                              false, false});
                     }) &&
            readRows(m_db,
                     QStringLiteral("SELECT pt.patron_id, t.name FROM patron_tag pt JOIN tag t ON t.id = pt.tag_id "
                                    "WHERE pt.deleted_at IS NULL AND pt.patron_id") +
                         in,
                     values, error,
                     [&](const QSqlQuery& q) { tags[q.value(0).toString()].append(q.value(1).toString()); });
        if (!read)
            return false;
        for (const core::Patron& patron : std::as_const(patrons))
            if (!writeSearchKeys(patron, contacts.value(patron.id), tags.value(patron.id), error))
                return false;
    }
    return true;
}

bool PatronRepository::markOpened(const QString& id)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO patron_recent (patron_id, opened_at) VALUES (?, ?)"));
    query.addBindValue(id);
    query.addBindValue(nowUtcText());
    return query.exec();
}

} // namespace foyer::storage
