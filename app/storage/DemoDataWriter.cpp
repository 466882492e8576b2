#include "DemoDataWriter.h"

#include "Relationship.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "UuidV7.h"

#include <QSqlError>

namespace foyer::storage {

DemoDataWriter::DemoDataWriter(QSqlDatabase db)
    : m_db(std::move(db))
    , m_order(m_db)
    , m_line(m_db)
    , m_donation(m_db)
    , m_recurring(m_db)
    , m_log(m_db)
    , m_history(m_db)
{
    m_order.prepare(
        QStringLiteral("INSERT INTO \"order\" (id, confirmation_number, patron_id, channel, category, "
                       "internal_status, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)"));
    m_line.prepare(QStringLiteral("INSERT INTO order_line (id, order_id, performance_id, description, price_minor, "
                                  "pay_type, created_at, updated_at, seat_id) VALUES (?, ?, ?, ?, ?, 'credit_card', ?, "
                                  "?, ?)"));
    m_donation.prepare(QStringLiteral("INSERT INTO donation (id, patron_id, order_id, fund_id, recurring_donation_id, "
                                      "amount_minor, status, probability_percent, received_at, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    m_recurring.prepare(QStringLiteral("INSERT INTO recurring_donation (id, patron_id, fund_id, amount_minor, "
                                       "frequency, term_months, starts_on, status, cancel_reason, created_at, "
                                       "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    m_log.prepare(QStringLiteral("INSERT INTO contact_log (id, patron_id, staff_id, kind, direction, outcome, subject, "
                                 "details, occurred_at, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, "
                                 "?, ?)"));
    m_history.prepare(QStringLiteral("INSERT INTO history_event (id, patron_id, actor_id, kind, summary, occurred_at, "
                                     "created_at) VALUES (?, ?, NULL, ?, ?, ?, ?)"));
}

bool DemoDataWriter::begin(QString* error)
{
    m_transactionError.clear();
    m_transaction.emplace(m_db, &m_transactionError);
    if (m_transaction->isOpen())
        return true;
    m_transaction.reset();
    return fail(error, m_transactionError);
}

bool DemoDataWriter::finish(bool ok, QString* error)
{
    if (!m_transaction)
        return fail(error, QStringLiteral("No batch was begun."));
    const bool committed = m_transaction->finish(ok);
    m_transaction.reset();
    if (ok && !committed)
        fail(error, m_transactionError);
    return committed;
}

bool DemoDataWriter::run(QSqlQuery& query, const QVariantList& values, QString* error)
{
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (query.exec())
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

QStringList DemoDataWriter::ensureVenue(QString* error)
{
    if (!m_performances.isEmpty())
        return m_performances;
    // A failed read is not "no venue yet": it stops here rather than set up a second one.
    if (!readRows(m_db, QStringLiteral("SELECT id FROM performance WHERE deleted_at IS NULL ORDER BY starts_at"), {},
                  error, [this](const QSqlQuery& q) { m_performances.append(q.value(0).toString()); })) {
        m_performances.clear();
        return {};
    }
    if (!readRows(m_db, QStringLiteral("SELECT id FROM fund ORDER BY name LIMIT 1"), {}, error,
                  [this](const QSqlQuery& q) { m_fundId = q.value(0).toString(); }))
        return {};
    QSqlQuery q(m_db);
    if (!m_performances.isEmpty())
        return m_performances;

    const QString now = nowUtcText();
    const QString hall = core::UuidV7::generateText();
    const QString show = core::UuidV7::generateText();
    m_fundId = core::UuidV7::generateText();
    q.prepare(QStringLiteral("INSERT INTO hall (id, name, created_at, updated_at) VALUES (?, 'Main Stage', ?, ?)"));
    if (!run(q, {hall, now, now}, error))
        return {};
    q.prepare(QStringLiteral("INSERT INTO show (id, title, season, created_at, updated_at) VALUES (?, 'The Tempest', "
                             "'2026/27', ?, ?)"));
    if (!run(q, {show, now, now}, error))
        return {};
    q.prepare(QStringLiteral("INSERT INTO fund (id, name, created_at, updated_at) VALUES (?, 'Annual Fund', ?, ?)"));
    if (!run(q, {m_fundId, now, now}, error))
        return {};
    q.prepare(QStringLiteral("INSERT INTO performance (id, show_id, hall_id, starts_at, created_at, updated_at) VALUES "
                             "(?, ?, ?, ?, ?, ?)"));
    const QDateTime first(QDate(2026, 9, 18), QTime(19, 30), Qt::UTC);
    for (int i = 0; i < 12; ++i) {
        const QString id = core::UuidV7::generateText();
        if (!run(q, {id, show, hall, isoUtc(first.addDays(i * 7)), now, now}, error))
            return {};
        m_performances.append(id);
    }
    return m_performances;
}

bool DemoDataWriter::addOrder(const QString& patronId, const OrderSpec& spec, QString* error)
{
    const core::OrderSummary& o = spec.order;
    const QString created = isoUtc(o.createdAt);
    if (!run(m_order,
             {o.id, o.confirmationNumber, patronId, o.channel, o.category, o.internalStatus,
              o.internalStatus == QLatin1String("open") ? QVariant() : QVariant(created), created, created},
             error))
        return false;
    const QStringList performances = ensureVenue(error);
    for (int i = 0; i < spec.ticketPrices.size(); ++i) {
        const QVariant performance = !spec.performanceId.isEmpty() ? QVariant(spec.performanceId)
                                     : performances.isEmpty()      ? QVariant()
                                                                   : QVariant(performances.at(i % performances.size()));
        const QVariant seat = spec.seatIds.value(i).isEmpty() ? QVariant() : QVariant(spec.seatIds.value(i));
        if (!run(m_line,
                 {core::UuidV7::generateText(), o.id, performance, QStringLiteral("Admission"), spec.ticketPrices.at(i),
                  created, created, seat},
                 error))
            return false;
    }
    if (spec.donationMinor > 0)
        return run(m_donation,
                   {core::UuidV7::generateText(), patronId, o.id, textOrNull(m_fundId), QVariant(), spec.donationMinor,
                    spec.donationStatus,
                    spec.donationProbability >= 0 ? QVariant(spec.donationProbability) : QVariant(), created, created,
                    created},
                   error);
    return true;
}

bool DemoDataWriter::addRecurringDonation(const QString& patronId, const core::RecurringDonation& d, QString* error)
{
    ensureVenue(error);
    const QString now = nowUtcText();
    return run(m_recurring,
               {d.id, patronId, textOrNull(m_fundId), d.amountMinor, d.frequency,
                d.termMonths > 0 ? QVariant(d.termMonths) : QVariant(), d.startsOn.toString(Qt::ISODate), d.status,
                textOrNull(d.cancelReason), now, now},
               error);
}

bool DemoDataWriter::addContactLog(const QString& patronId, const core::ContactLog& log, QString* error)
{
    const QString at = isoUtc(log.occurredAt);
    return run(m_log,
               {log.id.isEmpty() ? core::UuidV7::generateText() : log.id, patronId, log.kind, log.direction,
                textOrNull(log.outcome), log.subject, textOrNull(log.details), at, at, at},
               error);
}

bool DemoDataWriter::addHistory(const QString& patronId, const core::HistoryEvent& event, QString* error)
{
    const QString at = isoUtc(event.occurredAt);
    return run(m_history, {core::UuidV7::generateText(), patronId, event.kind, event.summary, at, at}, error);
}

} // namespace foyer::storage

namespace foyer::storage {

bool DemoDataWriter::addTag(const QString& patronId, const QString& tag, QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    if (!m_tagIds.contains(tag)) {
        QString existing;
        if (!readRows(m_db, QStringLiteral("SELECT id FROM tag WHERE name = ? COLLATE NOCASE"), {tag}, error,
                      [&existing](const QSqlQuery& q) { existing = q.value(0).toString(); }))
            return false;
        if (!existing.isEmpty()) {
            m_tagIds.insert(tag, existing);
        } else {
            const QString id = core::UuidV7::generateText();
            q.prepare(QStringLiteral("INSERT INTO tag (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"));
            if (!run(q, {id, tag, now, now}, error))
                return false;
            m_tagIds.insert(tag, id);
        }
    }
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO patron_tag (patron_id, tag_id, created_at) VALUES (?, ?, ?)"));
    return run(q, {patronId, m_tagIds.value(tag), now}, error);
}

bool DemoDataWriter::addRelationship(const QString& patronId, const QString& otherPatronId, const QString& type,
                                     QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO relationship (id, patron_id, related_patron_id, type, reciprocal_type, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    return run(
        q,
        {core::UuidV7::generateText(), patronId, otherPatronId, type, core::Relationship::reciprocalOf(type), now, now},
        error);
}

QString DemoDataWriter::namedRow(const QString& table, const QString& name, QString* error)
{
    const QString key = table + u'/' + name;
    if (m_namedRows.contains(key))
        return m_namedRows.value(key);
    QString id;
    if (!readRows(m_db, QStringLiteral("SELECT id FROM %1 WHERE name = ?").arg(table), {name}, error,
                  [&id](const QSqlQuery& q) { id = q.value(0).toString(); }))
        return {};
    if (id.isEmpty()) {
        QSqlQuery q(m_db);
        id = core::UuidV7::generateText();
        const QString now = nowUtcText();
        q.prepare(QStringLiteral("INSERT INTO %1 (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)").arg(table));
        if (!run(q, {id, name, now, now}, error))
            return {};
    }
    m_namedRows.insert(key, id);
    return id;
}

bool DemoDataWriter::addMembership(const QString& patronId, const core::Membership& m, const QString& renewedById,
                                   QString* error)
{
    const QString level = namedRow(QStringLiteral("benefit_level"), m.levelName, error);
    if (level.isEmpty())
        return false;
    QSqlQuery q(m_db);
    if (!m.recurring) {
        q.prepare(QStringLiteral("UPDATE benefit_level SET recurring = 0 WHERE id = ?"));
        if (!run(q, {level}, error))
            return false;
    }
    const QString now = nowUtcText();
    q.prepare(QStringLiteral("INSERT INTO membership (id, membership_number, patron_id, benefit_level_id, valid_from, "
                             "valid_until, renewed_by_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return run(q,
               {m.id, m.membershipNumber, patronId, level, m.validFrom.toString(Qt::ISODate),
                m.validUntil.isValid() ? QVariant(m.validUntil.toString(Qt::ISODate)) : QVariant(),
                textOrNull(renewedById), now, now},
               error);
}

bool DemoDataWriter::addMembershipCredits(const QString& membershipId, const QStringList& showIds, int seatsEach,
                                          QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO membership_credit (id, membership_id, show_id, seats, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?)"));
    for (const QString& show : showIds)
        if (!run(q, {core::UuidV7::generateText(), membershipId, show, seatsEach, now, now}, error))
            return false;
    return true;
}

bool DemoDataWriter::addMailingListSubscription(const QString& patronId, const QString& listName, QString* error)
{
    const QString list = namedRow(QStringLiteral("mailing_list"), listName, error);
    if (list.isEmpty())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO mailing_list_subscription (patron_id, mailing_list_id, "
                             "subscribed_at) VALUES (?, ?, ?)"));
    return run(q, {patronId, list, nowUtcText()}, error);
}

bool DemoDataWriter::addAccessibilityNeed(const QString& patronId, const core::AccessibilityNeed& need, QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO accessibility_note (id, patron_id, need, details, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    return run(q, {core::UuidV7::generateText(), patronId, need.need, textOrNull(need.details), now, now}, error);
}

bool DemoDataWriter::addFormSubmission(const QString& patronId, const core::FormSubmission& form, QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO form_submission (id, patron_id, form_name, answers, submitted_at, "
                             "created_at) VALUES (?, ?, ?, ?, ?, ?)"));
    const QString at = isoUtc(form.submittedAt);
    return run(q, {core::UuidV7::generateText(), patronId, form.formName, form.answers, at, at}, error);
}

bool DemoDataWriter::addNote(const QString& patronId, const QString& body, bool popUp, const QString& authorId,
                             QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO note (id, patron_id, author_id, body, pop_up, created_at, updated_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?)"));
    return run(q, {core::UuidV7::generateText(), patronId, authorId, body, popUp ? 1 : 0, now, now}, error);
}

bool DemoDataWriter::addAddress(const QString& patronId, const core::PostalAddress& a, QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO patron_address (id, patron_id, line1, line2, city, region, postal_code, "
                             "country, is_primary, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return run(q,
               {a.id.isEmpty() ? core::UuidV7::generateText() : a.id, patronId, a.line1, textOrNull(a.line2), a.city,
                textOrNull(a.region), textOrNull(a.postalCode), a.country, a.isPrimary ? 1 : 0, now, now},
               error);
}

bool DemoDataWriter::addTask(const core::PatronTask& task, QString* error)
{
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO activity (id, patron_id, assigned_to_id, title, details, due_at, done_at, "
                             "outcome, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return run(q,
               {task.id.isEmpty() ? core::UuidV7::generateText() : task.id, task.patronId, task.assignedToId,
                task.title, textOrNull(task.details), task.dueOn.toString(Qt::ISODate),
                task.doneAt.isValid() ? QVariant(isoUtc(task.doneAt)) : QVariant(), textOrNull(task.outcome), now, now},
               error);
}

bool DemoDataWriter::addHousehold(const QString& name, const QStringList& patronIds, QString* error)
{
    const QString now = nowUtcText();
    const QString id = core::UuidV7::generateText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO household (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)"));
    if (!run(q, {id, name, now, now}, error))
        return false;
    q.prepare(QStringLiteral("UPDATE patron SET household_id = ? WHERE id = ?"));
    for (const QString& patronId : patronIds)
        if (!run(q, {id, patronId}, error))
            return false;
    return true;
}

} // namespace foyer::storage
