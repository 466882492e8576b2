#include "PatronActivityRepository.h"

#include "ChangeLog.h"
#include "SqlBinding.h"
#include "SqlRead.h"
#include "StorageFailure.h"
#include "StoredTime.h"
#include "Transaction.h"
#include "UuidV7.h"

#include <QSqlError>
#include <QSqlQuery>

namespace foyer::storage {

PatronActivityRepository::PatronActivityRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<core::OrderSummary> PatronActivityRepository::orders(const QString& patronId, QString* error)
{
    QList<core::OrderSummary> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT o.id, o.confirmation_number, o.category, o.channel, o.internal_status, o.created_at, "
                       "coalesce((SELECT sum(l.price_minor) FROM order_line l WHERE l.order_id = o.id AND l.deleted_at "
                       "IS NULL), 0), "
                       "coalesce((SELECT sum(d.amount_minor) FROM donation d WHERE d.order_id = o.id AND d.deleted_at "
                       "IS NULL), 0), "
                       "(SELECT count(*) FROM order_line l WHERE l.order_id = o.id AND l.deleted_at IS NULL), "
                       "EXISTS (SELECT 1 FROM donation d WHERE d.order_id = o.id AND d.deleted_at IS NULL), "
                       "EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.performance_id IS NOT NULL) "
                       "FROM \"order\" o WHERE o.patron_id = ? AND o.deleted_at IS NULL ORDER BY o.created_at DESC"),
        {patronId}, error, [&](const QSqlQuery& q) {
            core::OrderSummary o;
            o.id = q.value(0).toString();
            o.confirmationNumber = q.value(1).toString();
            o.category = q.value(2).toString();
            o.channel = q.value(3).toString();
            o.internalStatus = q.value(4).toString();
            o.createdAt = utcFrom(q.value(5));
            o.donationMinor = q.value(7).toLongLong();
            o.totalMinor = q.value(6).toLongLong() + o.donationMinor;
            o.items = q.value(8).toInt();
            o.hasDonation = q.value(9).toInt() != 0;
            o.hasAdmission = q.value(10).toInt() != 0;
            out.append(o);
        });
    return ok ? out : decltype(out)();
}

QList<core::HistoryEvent> PatronActivityRepository::history(const QString& patronId, QString* error)
{
    QList<core::HistoryEvent> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT h.occurred_at, h.kind, h.summary, s.display_name FROM history_event h LEFT JOIN "
                       "staff_user s ON s.id = h.actor_id WHERE h.patron_id = ? ORDER BY h.occurred_at DESC"),
        {patronId}, error, [&](const QSqlQuery& q) {
            out.append({utcFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
        });
    return ok ? out : decltype(out)();
}

QList<core::ContactLog> PatronActivityRepository::contactLogs(const QString& patronId, QString* error)
{
    QList<core::ContactLog> out;
    const bool ok = readRows(
        m_db,
        // An email's request row shares the contact log's id; the server writes its sending status back into it.
        QStringLiteral("SELECT c.id, c.kind, c.direction, c.outcome, c.subject, c.details, c.staff_id, "
                       "s.display_name, c.occurred_at, CASE WHEN e.id IS NULL THEN '' ELSE coalesce(e.status, "
                       "'queued') END, coalesce(e.last_error, '') FROM contact_log c LEFT JOIN staff_user s ON "
                       "s.id = c.staff_id LEFT JOIN email_request e ON e.id = c.id WHERE c.patron_id = ? AND "
                       "c.deleted_at IS NULL ORDER BY c.occurred_at DESC"),
        {patronId}, error, [&](const QSqlQuery& q) {
            core::ContactLog log{q.value(0).toString(),
                                 q.value(1).toString(),
                                 q.value(2).toString(),
                                 q.value(3).toString(),
                                 q.value(4).toString(),
                                 q.value(5).toString(),
                                 q.value(6).toString(),
                                 q.value(7).toString(),
                                 utcFrom(q.value(8)),
                                 QString(),
                                 QString()};
            log.emailStatus = q.value(9).toString();
            log.emailError = q.value(10).toString();
            out.append(log);
        });
    return ok ? out : decltype(out)();
}

QList<core::RecurringDonation> PatronActivityRepository::recurringDonations(const QString& patronId, QString* error)
{
    QList<core::RecurringDonation> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT r.id, r.amount_minor, r.frequency, r.term_months, r.starts_on, r.status, "
                       "r.cancel_reason, f.name FROM recurring_donation r LEFT JOIN fund f ON f.id = r.fund_id "
                       "WHERE r.patron_id = ? AND r.deleted_at IS NULL ORDER BY r.status = 'active' DESC, "
                       "r.starts_on DESC"),
        {patronId}, error, [&](const QSqlQuery& q) {
            core::RecurringDonation r;
            r.id = q.value(0).toString();
            r.amountMinor = q.value(1).toLongLong();
            r.frequency = q.value(2).toString();
            r.termMonths = q.value(3).toInt();
            r.startsOn = QDate::fromString(q.value(4).toString(), Qt::ISODate);
            r.status = q.value(5).toString();
            r.cancelReason = q.value(6).toString();
            r.fundName = q.value(7).toString();
            out.append(r);
        });
    return ok ? out : decltype(out)();
}

QList<core::DonationRecord> PatronActivityRepository::donations(const QString& patronId, QString* error)
{
    QList<core::DonationRecord> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT amount_minor, status, probability_percent FROM donation WHERE patron_id = ? AND "
                       "deleted_at IS NULL"),
        {patronId}, error, [&](const QSqlQuery& q) {
            out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).isNull() ? -1 : q.value(2).toInt()});
        });
    return ok ? out : decltype(out)();
}

QList<core::PatronNote> PatronActivityRepository::notes(const QString& patronId, QString* error)
{
    QList<core::PatronNote> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral("SELECT n.id, n.body, n.pop_up, s.display_name, n.created_at FROM note n LEFT JOIN "
                       "staff_user s ON s.id = n.author_id WHERE n.patron_id = ? AND n.deleted_at IS NULL ORDER "
                       "BY n.created_at DESC"),
        {patronId}, error, [&](const QSqlQuery& q) {
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt() != 0, q.value(3).toString(),
                        utcFrom(q.value(4))});
        });
    return ok ? out : decltype(out)();
}

bool PatronActivityRepository::addNote(const QString& patronId, const QString& body, bool popUp,
                                       const QString& authorId, QString* error)
{
    if (body.trimmed().isEmpty() || authorId.isEmpty()) {
        if (error)
            *error = body.trimmed().isEmpty() ? QStringLiteral("Write the note first.")
                                              : QStringLiteral("Sign in to add notes: every note has an author.");
        return false;
    }
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO note (id, patron_id, author_id, body, pop_up, created_at, updated_at) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value : {QVariant(id), QVariant(patronId), QVariant(authorId), QVariant(body.trimmed()),
                                  QVariant(popUp ? 1 : 0), QVariant(now), QVariant(now)})
        q.addBindValue(value);
    bool ok = q.exec();
    if (!ok && error)
        *error = q.lastError().text();
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("note");
        change.entityId = id;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("note_added");
        change.summary = popUp ? QStringLiteral("Pop-up note added") : QStringLiteral("Note added");
        change.actorId = authorId;
        change.payload = {{QStringLiteral("id"), id},
                          {QStringLiteral("patron_id"), patronId},
                          {QStringLiteral("body"), body.trimmed()},
                          {QStringLiteral("pop_up"), popUp}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

bool PatronActivityRepository::queueEmail(const QString& patronId, const QString& to, const QString& fromStaffId,
                                          const QString& subject, const QString& body, QString* error)
{
    if (to.trimmed().isEmpty() || subject.trimmed().isEmpty() || body.trimmed().isEmpty())
        return fail(error, QStringLiteral("An email needs an address, a subject and a message."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const bool ok = writeQueuedEmail(patronId, fromStaffId, subject.trimmed(), body.trimmed(),
                                     {{QStringLiteral("to"), to.trimmed()}}, error);
    return txn.finish(ok);
}

bool PatronActivityRepository::queueManagementLink(const QString& recurringDonationId, const QString& fromStaffId,
                                                   QString* error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT r.patron_id, r.status, (SELECT address FROM patron_email e WHERE e.patron_id = "
                             "r.patron_id AND e.deleted_at IS NULL ORDER BY e.is_primary DESC, e.created_at LIMIT 1) "
                             "FROM recurring_donation r WHERE r.id = ? AND r.deleted_at IS NULL"));
    q.addBindValue(recurringDonationId);
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (!found)
        return fail(error, QStringLiteral("That recurring donation no longer exists."));
    const QString patronId = q.value(0).toString();
    const QString status = q.value(1).toString();
    const QString to = q.value(2).toString();
    q.finish();
    if (status == QLatin1String("cancelled") || status == QLatin1String("completed"))
        return fail(error,
                    QStringLiteral("This recurring donation is %1; there is nothing left to manage.").arg(status));
    if (to.isEmpty())
        return fail(error, QStringLiteral("The patron has no email address to send the link to."));
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const bool ok =
        writeQueuedEmail(patronId, fromStaffId, QStringLiteral("Manage your monthly donation"),
                         QStringLiteral("A link to change or cancel your monthly donation (sent by the server)."),
                         {{QStringLiteral("to"), to},
                          {QStringLiteral("template"), QStringLiteral("recurring_donation_management_link")},
                          {QStringLiteral("recurring_donation_id"), recurringDonationId}},
                         error);
    return txn.finish(ok);
}

bool PatronActivityRepository::writeQueuedEmail(const QString& patronId, const QString& fromStaffId,
                                                const QString& subject, const QString& body, QVariantMap payload,
                                                QString* error)
{
    QSqlQuery staff(m_db);
    staff.prepare(QStringLiteral("SELECT email, display_name FROM staff_user WHERE id = ? AND deleted_at IS NULL"));
    staff.addBindValue(fromStaffId);
    bool staffFound = false;
    if (!readFirst(staff, &staffFound, error))
        return false;
    if (!staffFound || staff.value(0).toString().isEmpty())
        return fail(error, QStringLiteral("Sign in with a staff account that has an email address to send email."));
    const QString from = staff.value(0).toString();
    const QString fromName = staff.value(1).toString();
    staff.finish();
    const QString id = core::UuidV7::generateText();
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO contact_log (id, patron_id, staff_id, kind, direction, outcome, subject, "
                             "details, occurred_at, created_at, updated_at) VALUES (?, ?, ?, 'email', 'outbound', "
                             "'Queued', ?, ?, ?, ?, ?)"));
    for (const QString& value : {id, patronId, fromStaffId, subject, body, now, now, now})
        q.addBindValue(value);
    if (!q.exec())
        return fail(error, q.lastError().text());
    payload.insert(QStringLiteral("id"), id);
    payload.insert(QStringLiteral("from"), from);
    payload.insert(QStringLiteral("from_name"), fromName);
    payload.insert(QStringLiteral("reply_to"), from);
    payload.insert(QStringLiteral("subject"), subject);
    payload.insert(QStringLiteral("body"), body);
    ChangeLog::Change change;
    change.entity = QStringLiteral("email");
    change.entityId = id;
    change.patronId = patronId;
    change.historyKind = QStringLiteral("email_queued");
    change.summary = QStringLiteral("Email queued: %1").arg(subject);
    change.actorId = fromStaffId;
    change.payload = payload;
    return ChangeLog(m_db).record(change, error);
}

QList<core::OrderLineSummary> PatronActivityRepository::orderLines(const QString& orderId, QString* error)
{
    QList<core::OrderLineSummary> out;
    const bool ok = readRows(
        m_db,
        QStringLiteral(
            "SELECT coalesce(s.title, l.description, ''), p.starts_at, "
            "coalesce(st.section || ' ' || st.row_label || st.seat_number, ''), l.price_minor, l.pay_type, "
            "coalesce(l.membership_number, ''), l.status FROM order_line l LEFT JOIN performance p ON p.id = "
            "l.performance_id LEFT JOIN show s ON s.id = p.show_id LEFT JOIN seat st ON st.id = l.seat_id "
            "WHERE l.order_id = ?1 AND l.deleted_at IS NULL "
            "UNION ALL SELECT 'Donation' || coalesce(' to ' || f.name, '') || ' (' || d.status || ')', "
            "NULL, '', d.amount_minor, '', '', 'active' FROM donation d LEFT JOIN fund f ON f.id = d.fund_id WHERE "
            "d.order_id = ?1 AND d.deleted_at IS NULL"),
        {orderId}, error, [&](const QSqlQuery& q) {
            out.append({q.value(0).toString(), q.value(1).isNull() ? QDateTime() : utcFrom(q.value(1)),
                        q.value(2).toString(), q.value(3).toLongLong(), q.value(4).toString(), q.value(5).toString(),
                        q.value(6).toString()});
        });
    return ok ? out : decltype(out)();
}

bool PatronActivityRepository::addContactLog(const QString& patronId, const core::ContactLog& log,
                                             const QString& actorId, QString* error)
{
    if (log.subject.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("A contact log needs a subject.");
        return false;
    }
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    const QString id = log.id.isEmpty() ? core::UuidV7::generateText() : log.id;
    const QString now = nowUtcText();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO contact_log (id, patron_id, staff_id, kind, direction, outcome, subject, "
                             "details, occurred_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant& value :
         {QVariant(id), QVariant(patronId), textOrNull(actorId), QVariant(log.kind), QVariant(log.direction),
          textOrNull(log.outcome), QVariant(log.subject.trimmed()), textOrNull(log.details),
          QVariant(log.occurredAt.toUTC().toString(Qt::ISODateWithMs)), QVariant(now), QVariant(now)})
        q.addBindValue(value);
    bool ok = q.exec();
    if (!ok && error)
        *error = q.lastError().text();
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("contact_log");
        change.entityId = id;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("contact_logged");
        change.summary = QStringLiteral("Contact log (%1): %2").arg(log.kind, log.subject.trimmed());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), id},
                          {QStringLiteral("patron_id"), patronId},
                          {QStringLiteral("kind"), log.kind},
                          {QStringLiteral("direction"), log.direction},
                          {QStringLiteral("subject"), log.subject},
                          {QStringLiteral("outcome"), log.outcome}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

bool PatronActivityRepository::updateContactLog(const core::ContactLog& log, const QString& actorId, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT kind, patron_id, subject FROM contact_log WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(log.id);
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (!found) {
        if (error)
            *error = QStringLiteral("That contact log no longer exists.");
        return false; // the transaction rolls back as it goes out of scope
    }
    const QString storedKind = q.value(0).toString();
    const QString patronId = q.value(1).toString();
    const QString oldSubject = q.value(2).toString();
    q.finish();
    // The rule is checked against the stored row, whatever the caller believes the entry is.
    if (storedKind == QLatin1String("email") || log.kind == QLatin1String("email")) {
        if (error)
            *error = QStringLiteral("Email entries record what was sent and cannot be changed.");
        return false; // the transaction rolls back as it goes out of scope
    }
    q.prepare(QStringLiteral("UPDATE contact_log SET kind = ?, direction = ?, outcome = ?, subject = ?, details = ?, "
                             "occurred_at = ?, updated_at = ? WHERE id = ?"));
    for (const QVariant& value :
         {QVariant(log.kind), QVariant(log.direction), textOrNull(log.outcome), QVariant(log.subject.trimmed()),
          textOrNull(log.details), QVariant(log.occurredAt.toUTC().toString(Qt::ISODateWithMs)), QVariant(nowUtcText()),
          QVariant(log.id)})
        q.addBindValue(value);
    bool ok = q.exec();
    if (!ok && error)
        *error = q.lastError().text();
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("contact_log");
        change.entityId = log.id;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("contact_log_edited");
        change.summary = QStringLiteral("Contact log edited: subject \"%1\" -> \"%2\"").arg(oldSubject, log.subject);
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), log.id},
                          {QStringLiteral("subject"), log.subject},
                          {QStringLiteral("outcome"), log.outcome},
                          {QStringLiteral("details"), log.details}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

bool PatronActivityRepository::cancelRecurringDonation(const QString& donationId, const QString& reason,
                                                       const QString& actorId, QString* error)
{
    Transaction txn(m_db, error);
    if (!txn.isOpen())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT patron_id, status, amount_minor, frequency FROM recurring_donation WHERE id = ? "
                             "AND deleted_at IS NULL"));
    q.addBindValue(donationId);
    bool found = false;
    if (!readFirst(q, &found, error))
        return false;
    if (!found) {
        if (error)
            *error = QStringLiteral("That recurring donation no longer exists.");
        return false; // the transaction rolls back as it goes out of scope
    }
    core::RecurringDonation donation;
    donation.id = donationId;
    const QString patronId = q.value(0).toString();
    donation.status = q.value(1).toString();
    donation.amountMinor = q.value(2).toLongLong();
    donation.frequency = q.value(3).toString();
    q.finish();
    if (const QString problem = donation.cancelProblem(reason); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false; // the transaction rolls back as it goes out of scope
    }
    q.prepare(QStringLiteral("UPDATE recurring_donation SET status = 'cancelled', cancel_reason = ?, updated_at = ? "
                             "WHERE id = ?"));
    q.addBindValue(reason.trimmed());
    q.addBindValue(nowUtcText());
    q.addBindValue(donationId);
    bool ok = q.exec();
    if (!ok && error)
        *error = q.lastError().text();
    if (ok) {
        ChangeLog::Change change;
        change.entity = QStringLiteral("recurring_donation");
        change.entityId = donationId;
        change.patronId = patronId;
        change.historyKind = QStringLiteral("recurring_donation_cancelled");
        change.summary = QStringLiteral("Recurring donation of %1.%2 (%3) cancelled: %4")
                             .arg(donation.amountMinor / 100)
                             .arg(donation.amountMinor % 100, 2, 10, QChar(u'0'))
                             .arg(donation.frequency, reason.trimmed());
        change.actorId = actorId;
        change.payload = {{QStringLiteral("id"), donationId},
                          {QStringLiteral("status"), QStringLiteral("cancelled")},
                          {QStringLiteral("cancel_reason"), reason.trimmed()}};
        ok = ChangeLog(m_db).record(change, error);
    }
    return txn.finish(ok);
}

} // namespace foyer::storage
