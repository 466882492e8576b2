#include "MemberImportRepository.h"

#include "ChangeLog.h"
#include "Clock.h"
#include "ContactValidator.h"
#include "PatronRepository.h"
#include "SettingsRepository.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

MemberImportRepository::MemberImportRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<MemberImportRepository::Lookups> MemberImportRepository::lookups(QString* error)
{
    Lookups out;
    const bool read =
        readRows(
            m_db, QStringLiteral("SELECT id, title FROM show WHERE deleted_at IS NULL"), {}, error,
            [&](const QSqlQuery& q) { out.showIds.insert(q.value(1).toString().toLower(), q.value(0).toString()); }) &&
        readRows(
            m_db, QStringLiteral("SELECT id, name FROM benefit_level WHERE deleted_at IS NULL"), {}, error,
            [&](const QSqlQuery& q) { out.levelIds.insert(q.value(1).toString().toLower(), q.value(0).toString()); }) &&
        readRows(m_db, QStringLiteral("SELECT membership_number FROM membership WHERE deleted_at IS NULL"), {}, error,
                 [&](const QSqlQuery& q) { out.membershipNumbers.insert(q.value(0).toString()); });
    if (!read)
        return std::nullopt;
    return out;
}

bool MemberImportRepository::import(const core::MemberImport::Report& report,
                                    const QHash<QString, QString>& passwordHashes, const QString& actorId,
                                    int* setPasswordEmails, QString* error)
{
    if (!report.canImport())
        return fail(error, QStringLiteral("The dry run found problems; fix the file and run it again."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString now = nowUtcText();
    PatronRepository patrons(m_db);
    ChangeLog changes(m_db);
    QSqlQuery findPatron(m_db);
    findPatron.prepare(QStringLiteral("SELECT patron_id FROM patron_email WHERE address = ? COLLATE NOCASE AND "
                                      "deleted_at IS NULL LIMIT 1"));
    QSqlQuery membership(m_db);
    membership.prepare(QStringLiteral("INSERT INTO membership (id, membership_number, patron_id, benefit_level_id, "
                                      "valid_from, valid_until, member_email, password_hash, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery credit(m_db);
    credit.prepare(QStringLiteral("INSERT INTO membership_credit (id, membership_id, show_id, season, seats, "
                                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    int emails = 0;
    bool ok = true;
    for (const core::MemberImport::Member& m : report.members) {
        QString patronId;
        bool found = false;
        findPatron.addBindValue(m.email);
        // A failed look-up is not "no such patron": it would add the member a second time.
        if (!readFirst(findPatron, &found, error))
            return false;
        if (found)
            patronId = findPatron.value(0).toString();
        findPatron.finish();
        if (patronId.isEmpty()) {
            core::Patron patron;
            patron.id = patronId = core::UuidV7::generateText();
            patron.patronNumber = patrons.nextPatronNumber(error);
            if (patron.patronNumber < 0)
                return false;
            patron.firstName = m.firstName;
            patron.lastName = m.lastName;
            patron.originalEmail = m.email;
            patron.source = QStringLiteral("upload");
            patron.createdAt = core::Clock::currentDateTimeUtc();
            ok = patrons.insert(patron, error, {{QString(), core::ContactPoint::Kind::Email, m.email, true, true}});
        }
        const QString membershipId = core::UuidV7::generateText();
        const QString hash = passwordHashes.value(m.membershipNumber);
        if (ok) {
            for (const QVariant& v :
                 {QVariant(membershipId), QVariant(m.membershipNumber), QVariant(patronId), QVariant(m.benefitLevelId),
                  QVariant(m.validFrom.toString(Qt::ISODate)),
                  m.validUntil.isValid() ? QVariant(m.validUntil.toString(Qt::ISODate)) : QVariant(), QVariant(m.email),
                  hash.isEmpty() ? QVariant() : QVariant(hash), QVariant(now), QVariant(now)})
                membership.addBindValue(v);
            ok = membership.exec() ||
                 fail(error, QStringLiteral("Line %1: %2").arg(m.line).arg(membership.lastError().text()));
        }
        QList<std::pair<QVariant, int>> seats;
        for (auto it = m.creditsPerShow.cbegin(); it != m.creditsPerShow.cend(); ++it)
            seats.append({it.key(), it.value()});
        if (m.seasonCredits >= 0)
            seats.append({QVariant(), m.seasonCredits});
        for (const auto& [show, count] : seats) {
            if (!ok)
                break;
            for (const QVariant& v : {QVariant(core::UuidV7::generateText()), QVariant(membershipId), show,
                                      show.isNull() ? QVariant(QStringLiteral("season")) : QVariant(), QVariant(count),
                                      QVariant(now), QVariant(now)})
                credit.addBindValue(v);
            ok = credit.exec() || fail(error, credit.lastError().text());
        }
        if (ok) {
            ChangeLog::Change change;
            change.entity = QStringLiteral("membership");
            change.entityId = membershipId;
            change.patronId = patronId;
            change.historyKind = QStringLiteral("membership");
            change.summary = QStringLiteral("Membership %1 imported").arg(m.membershipNumber);
            change.actorId = actorId;
            change.payload = {{QStringLiteral("id"), membershipId},
                              {QStringLiteral("membership_number"), m.membershipNumber},
                              {QStringLiteral("patron_id"), patronId},
                              {QStringLiteral("benefit_level_id"), m.benefitLevelId},
                              {QStringLiteral("valid_from"), m.validFrom.toString(Qt::ISODate)},
                              {QStringLiteral("valid_until"), m.validUntil.toString(Qt::ISODate)},
                              {QStringLiteral("member_email"), m.email}};
            ok = changes.record(change, error);
        }
        if (ok && hash.isEmpty()) {
            // No password travels in a spreadsheet: the member sets one from a single-use link the server mails.
            ChangeLog::Change email;
            email.entity = QStringLiteral("email");
            email.entityId = core::UuidV7::generateText();
            email.historyKind = QStringLiteral("email_queued");
            email.summary = QStringLiteral("Set-your-password email for membership %1").arg(m.membershipNumber);
            email.actorId = actorId;
            email.payload = {{QStringLiteral("to"), m.email},
                             {QStringLiteral("template"), QStringLiteral("member_set_password")},
                             {QStringLiteral("membership_id"), membershipId}};
            ok = changes.record(email, error);
            ++emails;
        }
        if (!ok)
            break;
    }
    if (setPasswordEmails)
        *setPasswordEmails = ok ? emails : 0;
    return txn.finish(ok);
}

bool MemberImportRepository::updateMemberEmail(const QString& membershipNumber, const QString& email,
                                               const QString& actorId, QString* error)
{
    if (const QString problem = core::ContactValidator::checkEmail(email); !problem.isEmpty())
        return fail(error, problem);
    QString problem;
    const QString manager = SettingsRepository(m_db).value(
        QString::fromLatin1(SettingsRepository::MembershipManagerEmail), QString(), &problem);
    if (!problem.isEmpty())
        return fail(error, problem);
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, patron_id, coalesce(member_email, '') FROM membership WHERE "
                             "membership_number = ? AND deleted_at IS NULL"));
    q.addBindValue(membershipNumber);
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (!found)
        return fail(error, QStringLiteral("No membership %1.").arg(membershipNumber));
    const QString id = q.value(0).toString();
    const QString patronId = q.value(1).toString();
    const QString old = q.value(2).toString();
    q.finish();
    q.prepare(QStringLiteral("UPDATE membership SET member_email = ?, updated_at = ? WHERE id = ?"));
    q.addBindValue(email.trimmed());
    q.addBindValue(nowUtcText());
    q.addBindValue(id);
    bool ok = q.exec() || fail(error, q.lastError().text());
    ChangeLog changes(m_db);
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("membership");
        change.entityId = id;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("membership");
        change.summary =
            QStringLiteral("Membership %1 email: \"%2\" -> \"%3\"").arg(membershipNumber, old, email.trimmed());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), id}, {QStringLiteral("member_email"), email.trimmed()}};
        ok = changes.record(change, error);
    }
    if (ok && !manager.isEmpty()) {
        ChangeLog::Change notice;
        notice.entity = QStringLiteral("email");
        notice.entityId = core::UuidV7::generateText();
        notice.historyKind = QStringLiteral("email_queued");
        notice.summary = QStringLiteral("Membership manager told of a change to %1").arg(membershipNumber);
        notice.actorId = actorId;
        notice.payload = {
            {QStringLiteral("to"), manager},
            {QStringLiteral("template"), QStringLiteral("member_details_changed")},
            {QStringLiteral("membership_number"), membershipNumber},
            {QStringLiteral("subject"), QStringLiteral("Member details changed: %1").arg(membershipNumber)}};
        ok = changes.record(notice, error);
    }
    return txn.finish(ok);
}

} // namespace foyer::storage
