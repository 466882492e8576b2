#include "PatronEngagementRepository.h"

#include "Patron.h"

#include "SqlRead.h"

#include <QSqlQuery>

namespace foyer::storage {

PatronEngagementRepository::PatronEngagementRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<core::Membership> PatronEngagementRepository::memberships(const QString& patronId, QString* error)
{
    QList<core::Membership> out;
    const bool ok = readRows(m_db,
                             QStringLiteral("SELECT m.id, m.membership_number, b.name, b.recurring, m.valid_from, "
                                            "m.valid_until, m.renewed_by_id IS NOT NULL FROM membership m JOIN "
                                            "benefit_level b ON b.id = m.benefit_level_id WHERE m.patron_id = ? AND "
                                            "m.deleted_at IS NULL ORDER BY m.valid_from DESC"),
                             {patronId}, error, [&](const QSqlQuery& q) {
                                 core::Membership m;
                                 m.id = q.value(0).toString();
                                 m.membershipNumber = q.value(1).toString();
                                 m.levelName = q.value(2).toString();
                                 m.recurring = q.value(3).toInt() != 0;
                                 m.validFrom = QDate::fromString(q.value(4).toString().left(10), Qt::ISODate);
                                 m.validUntil = QDate::fromString(q.value(5).toString().left(10), Qt::ISODate);
                                 m.renewed = q.value(6).toInt() != 0;
                                 out.append(m);
                             });
    return ok ? out : QList<core::Membership>();
}

core::PatronEngagement PatronEngagementRepository::engagement(const QString& patronId, QString* error)
{
    core::PatronEngagement out;
    QString readError;
    out.memberships = memberships(patronId, &readError);
    bool ok =
        readError.isEmpty() &&
        readRows(m_db,
                 QStringLiteral("SELECT l.name FROM mailing_list_subscription s JOIN mailing_list l ON l.id "
                                "= s.mailing_list_id WHERE s.patron_id = ? AND s.unsubscribed_at IS NULL "
                                "AND l.deleted_at IS NULL ORDER BY l.name"),
                 {patronId}, &readError, [&](const QSqlQuery& q) { out.mailingLists.append(q.value(0).toString()); });
    ok = ok &&
         readRows(m_db,
                  QStringLiteral("SELECT need, coalesce(details, '') FROM accessibility_note WHERE patron_id = ? AND "
                                 "deleted_at IS NULL ORDER BY created_at"),
                  {patronId}, &readError, [&](const QSqlQuery& q) {
                      out.accessibility.append({q.value(0).toString(), q.value(1).toString()});
                  });
    ok = ok &&
         readRows(m_db,
                  QStringLiteral("SELECT form_name, answers, submitted_at FROM form_submission WHERE patron_id = ? "
                                 "ORDER BY submitted_at DESC"),
                  {patronId}, &readError, [&](const QSqlQuery& q) {
                      QDateTime at = QDateTime::fromString(q.value(2).toString(), Qt::ISODateWithMs);
                      at.setTimeSpec(Qt::UTC);
                      out.formSubmissions.append({q.value(0).toString(), q.value(1).toString(), at});
                  });
    ok = ok &&
         readRows(m_db,
                  QStringLiteral("SELECT p.id, p.first_name, p.last_name, p.preferred_name, p.organisation FROM patron "
                                 "p WHERE p.household_id = (SELECT household_id FROM patron WHERE id = ?) AND "
                                 "p.deleted_at IS NULL ORDER BY p.patron_number"),
                  {patronId}, &readError, [&](const QSqlQuery& q) {
                      core::Patron member;
                      member.firstName = q.value(1).toString();
                      member.lastName = q.value(2).toString();
                      member.preferredName = q.value(3).toString();
                      member.organisation = q.value(4).toString();
                      out.householdMembers.append({q.value(0).toString(), member.displayName()});
                  });
    if (!ok) {
        fail(error, readError);
        return {};
    }
    return out;
}

} // namespace foyer::storage
