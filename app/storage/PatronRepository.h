#pragma once

#include "ContactPoint.h"
#include "Patron.h"
#include "PatronProfile.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace foyer::storage {

// Patrons in the local database. Statements are prepared once per repository and reused.
class PatronRepository
{
public:
    struct Match
    {
        QString patronId;
        QString displayName;
        QString matchedOn; // the email or phone number that matched
    };

    explicit PatronRepository(QSqlDatabase db);

    // Every read reports a refused statement in error (when given): -1, an empty list or nullopt then means "could
    // not be read", not "none". A patron that is not there leaves error empty.
    qint64 count(QString* error);
    // The ids of the first patrons by number (demo data picks buyers from them).
    QStringList firstIds(int limit, QString* error);
    // From this workstation's registered block (WorkstationIdentity), else max + 1; -1 with the reason (the block
    // is used up: "sync to get more") otherwise.
    qint64 nextPatronNumber(QString* error);

    // Inserts one patron row and its search keys; the caller owns the transaction (insertBatch opens its own).
    // For bulk loads (seed, import, benchmark): no history, audit or outbox rows.
    bool insert(const core::Patron& patron, QString* error, const QList<core::ContactPoint>& contacts = {});
    bool insertBatch(const QList<core::Patron>& patrons, QString* error);
    bool insertBatch(const QList<std::pair<core::Patron, QList<core::ContactPoint>>>& patrons, QString* error);
    // Adds an email or phone row (and the patron's search keys); caller's transaction.
    bool insertContact(const QString& patronId, const core::ContactPoint& contact, QString* error);

    // Staff create a patron at the window: the patron, their contact points, search keys, history event, audit row
    // and outbox entry, in one transaction. Nothing is written when anything fails.
    bool createPatron(const core::Patron& patron, const QList<core::ContactPoint>& contacts, const QString& actorId,
                      QString* error);

    std::optional<core::Patron> findById(const QString& id, QString* error);
    std::optional<QString> idForPatronNumber(qint64 patronNumber, QString* error);
    std::optional<core::PatronProfile> loadProfile(const QString& id, QString* error);
    QList<core::Patron> findByLastNamePrefix(const QString& prefix, int limit, QString* error);
    // Other patrons who already use this email address or phone number (for the duplicate warning).
    QList<Match> findByContact(const QString& email, const QString& phone, QString* error);
    // Other patrons with the same first and last name (case, accents and punctuation aside), whatever their email:
    // a possible duplicate too. matchedOn is the name as stored. One lookup of the name's search key.
    QList<Match> findByName(const QString& firstName, const QString& lastName, QString* error);
    // Recomputes every patron's search keys in one transaction (when the normalization rules change).
    bool rebuildAllSearchKeys(QString* error);
    // The same in the caller's transaction (the migration that added the keys runs it inside its own).
    bool writeAllSearchKeys(QString* error);
    // Remembers that staff opened this patron on this workstation (the empty-search list).
    bool markOpened(const QString& id);
    // Rewrites one patron's search keys after an edit; caller's transaction.
    bool rebuildSearchKeys(const QString& patronId, QString* error);
    // The same for many patrons at once (a pulled page, a rebuild), a few statements per few hundred patrons;
    // ids of patrons that are not there only lose their keys. Caller's transaction.
    bool rebuildSearchKeys(const QStringList& patronIds, QString* error);

private:
    static core::Patron fromQuery(const QSqlQuery& query);
    bool writeContactRow(const QString& patronId, const core::ContactPoint& contact, QString* error);
    bool writeSearchKeys(const core::Patron& patron, const QList<core::ContactPoint>& contacts, const QStringList& tags,
                         QString* error);

    QSqlDatabase m_db;
    QSqlQuery m_insert;
    QSqlQuery m_insertKey;
    QSqlQuery m_prefixLookup;
};

} // namespace foyer::storage
