#include "PatronProfileWidget.h"

#include "ContactKind.h"

#include "AddressesDialog.h"
#include "CancelRecurringDialog.h"
#include "Clock.h"
#include "ContactDetailsDialog.h"
#include "ContactLogDialog.h"
#include "EmailComposeDialog.h"
#include "MoneyText.h"
#include "OrderDetailsDialog.h"
#include "OrderEditorDialog.h"
#include "OrderStatus.h"
#include "PatronOverview.h"
#include "PersonalDetailsDialog.h"
#include "RelationshipDialog.h"
#include "TaskDialog.h"
#include "TaskDoneDialog.h"
#include "ui_PatronProfileWidget.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QSet>
#include <QTimer>

namespace foyer::gui {

namespace {

QString orDash(const QString& text)
{
    return MoneyText::orDash(text);
}

QString money(qint64 minor)
{
    return MoneyText::amount(minor);
}

QString localTime(const QDateTime& utc)
{
    return MoneyText::localTime(utc);
}

QString logKindLabel(const QString& kind)
{
    return core::ContactKind::label(kind);
}

} // namespace

PatronProfileWidget::PatronProfileWidget(const core::PatronProfile& profile, const ProfileServices& services,
                                         QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PatronProfileWidget>())
    , m_repos(services.repos)
    , m_activity(&services.repos->activity)
    , m_details(&services.repos->details)
    , m_patronId(profile.patron.id)
    , m_actorId(services.actorId)
    , m_actorEmail(services.actorEmail)
    , m_staff(services.staff)
{
    m_ui->setupUi(this);
    m_ui->detailsGroup->setMaximumWidth(330);
    // The panel is as tall as its rows, at the top; the sections beside it take the rest.
    m_ui->bodyLayout->setAlignment(m_ui->detailsGroup, Qt::AlignTop);
    m_ui->contactLogMessage->hide();
    m_ui->recurringMessage->hide();
    connect(m_ui->ordersFilter, &QComboBox::currentIndexChanged, this, [this] { fillOrders(); });
    connect(m_ui->historyFilter, &QComboBox::currentIndexChanged, this, [this] { fillHistory(); });
    connect(m_ui->logActivityButton, &QPushButton::clicked, this, &PatronProfileWidget::logActivity);
    connect(m_ui->editLogButton, &QPushButton::clicked, this, &PatronProfileWidget::editSelectedLog);
    connect(m_ui->contactLogTable, &QTableWidget::cellActivated, this, [this] { editSelectedLog(); });
    connect(m_ui->cancelRecurringButton, &QPushButton::clicked, this,
            &PatronProfileWidget::cancelSelectedRecurringDonation);
    QFont nameFont = m_ui->displayNameLabel->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.6);
    nameFont.setBold(true);
    m_ui->displayNameLabel->setFont(nameFont);
    connect(m_ui->profileSections, &QTabWidget::currentChanged, this, &PatronProfileWidget::loadSection);
    connect(m_ui->addNoteButton, &QPushButton::clicked, this, &PatronProfileWidget::addNote);
    connect(m_ui->tagField, &QLineEdit::returnPressed, this, &PatronProfileWidget::addTag);
    connect(m_ui->addRelationshipButton, &QPushButton::clicked, this, &PatronProfileWidget::addRelationship);
    connect(m_ui->emailButton, &QPushButton::clicked, this, &PatronProfileWidget::composeEmail);
    connect(m_ui->editPersonalButton, &QPushButton::clicked, this, &PatronProfileWidget::editPersonalDetails);
    connect(m_ui->editContactButton, &QPushButton::clicked, this, &PatronProfileWidget::editContactDetails);
    connect(m_ui->editAddressesButton, &QPushButton::clicked, this, &PatronProfileWidget::editAddresses);
    connect(m_ui->orderDetailsButton, &QPushButton::clicked, this, &PatronProfileWidget::openSelectedOrder);
    connect(m_ui->ordersTable, &QTableWidget::cellActivated, this, [this] { openSelectedOrder(); });
    connect(m_ui->newOrderButton, &QPushButton::clicked, this, [this] { openOrderEditor(); });
    connect(m_ui->newTaskButton, &QPushButton::clicked, this, &PatronProfileWidget::newTask);
    connect(m_ui->taskDoneButton, &QPushButton::clicked, this, &PatronProfileWidget::markSelectedTaskDone);
    connect(m_ui->managementLinkButton, &QPushButton::clicked, this, &PatronProfileWidget::emailManagementLink);
    m_ui->tagsList->installEventFilter(this);
    connect(m_ui->newNoteField, &QLineEdit::returnPressed, this, &PatronProfileWidget::addNote);
    m_ui->noteMessage->hide();
    m_ui->popUpNotesBanner->setStyleSheet(
        QStringLiteral("background: #fff4c2; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"));
    show(profile);
    refreshNotes();
    // The header and section tabs paint first; the visible section's rows follow on the next turn of the event
    // loop, so a patron with thousands of orders opens at once.
    QTimer::singleShot(0, this, [this] { loadSection(m_ui->profileSections->currentIndex()); });
}

PatronProfileWidget::~PatronProfileWidget() = default;

void PatronProfileWidget::fillTable(QTableWidget* table, const QStringList& headers, const QList<QStringList>& rows)
{
    table->setUpdatesEnabled(false);
    table->clear();
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r)
        for (int c = 0; c < rows.at(r).size(); ++c)
            table->setItem(r, c, new QTableWidgetItem(rows.at(r).at(c)));
    // Size columns from the first rows only: measuring every cell of a 2,000-order patron costs seconds.
    table->horizontalHeader()->setResizeContentsPrecision(50);
    table->resizeColumnsToContents();
    if (!rows.isEmpty())
        table->selectRow(0);
    table->setUpdatesEnabled(true);
}

void PatronProfileWidget::reloadSections()
{
    // Mark everything stale; the visible section reloads now, the others when staff turn to them.
    m_loaded = {};
    m_ordersCurrent = false;
    loadSection(m_ui->profileSections->currentIndex());
}

void PatronProfileWidget::loadSection(int index)
{
    if (index < 0 || index >= int(m_loaded.size()) || m_loaded[size_t(index)])
        return;
    m_loaded[size_t(index)] = true;
    switch (index) {
    case OverviewSection:
        fillOverview();
        break;
    case OrdersSection: {
        currentOrders();
        // The filter offers the categories this patron actually has.
        const QString category = m_ui->ordersFilter->currentData().toString();
        QSignalBlocker blockOrders(m_ui->ordersFilter);
        m_ui->ordersFilter->clear();
        m_ui->ordersFilter->addItem(tr("All categories"), QString());
        QSet<QString> categories;
        for (const auto& order : m_orders)
            if (!categories.contains(order.category)) {
                categories.insert(order.category);
                m_ui->ordersFilter->addItem(order.label() == order.category ? order.category : order.label(),
                                            order.category);
            }
        m_ui->ordersFilter->setCurrentIndex(std::max(0, m_ui->ordersFilter->findData(category)));
        fillOrders();
        m_ui->profileSections->setTabText(OrdersSection, tr("&Orders (%1)").arg(m_orders.size()));
        break;
    }
    case HistorySection: {
        m_history = m_activity->history(m_patronId);
        const QString kind = m_ui->historyFilter->currentData().toString();
        QSignalBlocker blockHistory(m_ui->historyFilter);
        m_ui->historyFilter->clear();
        m_ui->historyFilter->addItem(tr("Everything"), QString());
        QSet<QString> kinds;
        for (const auto& event : m_history)
            if (!kinds.contains(event.kind)) {
                kinds.insert(event.kind);
                m_ui->historyFilter->addItem(QString(event.kind).replace(u'_', u' '), event.kind);
            }
        m_ui->historyFilter->setCurrentIndex(std::max(0, m_ui->historyFilter->findData(kind)));
        fillHistory();
        break;
    }
    case ContactLogsSection:
        m_logs = m_activity->contactLogs(m_patronId);
        fillContactLogs();
        fillTasks();
        m_ui->profileSections->setTabText(ContactLogsSection, tr("&Contact logs (%1)").arg(m_logs.size()));
        break;
    case RecurringSection:
        m_recurring = m_activity->recurringDonations(m_patronId);
        fillRecurring();
        break;
    default:
        break;
    }
}

void PatronProfileWidget::refreshNotes()
{
    // One query feeds both the pop-up banner (seen from every section) and the overview's list.
    m_notes = m_activity->notes(m_patronId);
    m_ui->notesList->clear();
    for (const core::PatronNote& note : m_notes)
        m_ui->notesList->addItem(tr("%1 \u2014 %2, %3%4")
                                     .arg(note.body, orDash(note.authorName), localTime(note.createdAt),
                                          note.popUp ? tr(" (pops up)") : QString()));
    QStringList popUps;
    for (const core::PatronNote& note : m_notes)
        if (note.popUp)
            popUps.append(note.body.toHtmlEscaped());
    m_ui->popUpNotesBanner->setText(popUps.isEmpty() ? QString()
                                                     : tr("<b>Note:</b> %1").arg(popUps.join(QStringLiteral("<br>"))));
    m_ui->popUpNotesBanner->setVisible(!popUps.isEmpty());
}

void PatronProfileWidget::fillOverview()
{
    const core::PatronOverview overview = core::PatronOverview::compute(
        currentOrders(), m_activity->donations(m_patronId), m_activity->recurringDonations(m_patronId));
    const QStringList labels = {tr("Tickets"), tr("Collections"), tr("Classes"),
                                tr("Passes"),  tr("Add-ons"),     tr("Donations")};
    QList<SpendingChart::Bar> bars;
    const QStringList buckets = core::PatronOverview::buckets();
    for (int i = 0; i < buckets.size(); ++i)
        bars.append({labels.value(i), overview.spendingMinor.value(buckets.at(i))});
    m_ui->spendingChart->setBars(bars);
    m_ui->spendingGroup->setTitle(tr("Spending: %1 in all").arg(money(overview.totalSpentMinor)));
    m_ui->firstSeenValue->setText(
        tr("%1 (%2)").arg(QLocale().toString(m_createdAt.toLocalTime().date(), QLocale::ShortFormat),
                          QString(m_source).replace(u'_', u' ')));
    m_ui->firstTransactionValue->setText(overview.firstTransaction.isValid() ? localTime(overview.firstTransaction)
                                                                             : orDash(QString()));
    m_ui->lastTransactionValue->setText(overview.lastTransaction.isValid() ? localTime(overview.lastTransaction)
                                                                           : orDash(QString()));
    m_ui->donatedValue->setText(money(overview.donatedMinor));
    m_ui->recurringDonorValue->setText(overview.recurringDonor ? tr("Yes") : tr("No"));
    m_ui->itemsValue->setText(QLocale().toString(overview.itemsPurchased));
    fillEngagement(overview);
    fillRelationships();
}

void PatronProfileWidget::fillEngagement(const core::PatronOverview& overview)
{
    const core::PatronEngagement engagement = m_repos->engagement.engagement(m_patronId);
    const QDate today = core::Clock::today();
    // Active memberships first; lapsed and renewed ones stay visible below, greyed; past due in red.
    QStringList active, lapsed;
    for (const core::Membership& membership : engagement.memberships) {
        const QString line = tr("<b>%1</b> %2<br>%3")
                                 .arg(membership.levelName.toHtmlEscaped(), membership.membershipNumber.toHtmlEscaped(),
                                      membership.statusText(today).toHtmlEscaped());
        if (!membership.isActive(today))
            lapsed.append(QStringLiteral("<span style=\"color: gray;\">%1</span>").arg(line));
        else if (membership.state(today) == core::Membership::State::PastDue)
            active.append(QStringLiteral("<span style=\"color: #a40000;\">%1</span>").arg(line));
        else
            active.append(line);
    }
    m_ui->membershipsValue->setText(engagement.memberships.isEmpty() ? tr("No memberships")
                                                                     : (active + lapsed).join(QStringLiteral("<br>")));
    if (engagement.householdMembers.size() > 1) {
        // The household's combined spending counts every member's orders the same way as this patron's own.
        qint64 combined = overview.totalSpentMinor;
        QStringList others;
        for (const core::HouseholdMember& member : engagement.householdMembers) {
            if (member.patronId == m_patronId)
                continue;
            others.append(member.displayName);
            combined += core::PatronOverview::compute(m_activity->orders(member.patronId), {}, {}).totalSpentMinor;
        }
        m_ui->householdSpendingValue->setText(tr("%1 with %2").arg(money(combined), others.join(QStringLiteral(", "))));
    } else {
        m_ui->householdSpendingValue->setText(tr("Not in a household"));
    }
    m_ui->mailingListsValue->setText(
        engagement.mailingLists.isEmpty() ? tr("None") : engagement.mailingLists.join(QStringLiteral(", ")));
    QStringList needs;
    for (const core::AccessibilityNeed& need : engagement.accessibility)
        needs.append(need.details.isEmpty() ? need.need : tr("%1 (%2)").arg(need.need, need.details));
    m_ui->accessibilityValue->setText(needs.isEmpty() ? tr("None recorded") : needs.join(u'\n'));
    QStringList forms;
    for (const core::FormSubmission& form : engagement.formSubmissions)
        forms.append(tr("%1, %2").arg(form.formName, MoneyText::localDate(form.submittedAt.toLocalTime().date())));
    m_ui->formsValue->setText(forms.isEmpty() ? tr("None") : forms.join(u'\n'));
    m_ui->formsValue->setToolTip(
        engagement.formSubmissions.isEmpty() ? QString() : engagement.formSubmissions.constFirst().answers);
}

void PatronProfileWidget::fillTasks()
{
    m_tasks = m_repos->tasks.forPatron(m_patronId);
    const QDate today = core::Clock::today();
    QList<QStringList> rows;
    for (const core::PatronTask& task : m_tasks)
        rows.append({MoneyText::localDate(task.dueOn) + (task.isOverdue(today) ? tr(" (overdue)") : QString()),
                     task.title, orDash(task.assignedToName),
                     task.isDone() ? tr("Done %1: %2").arg(localTime(task.doneAt), task.outcome) : tr("Open")});
    fillTable(m_ui->tasksTable, {tr("Due"), tr("Task"), tr("Assigned to"), tr("Status")}, rows);
}

void PatronProfileWidget::editPersonalDetails()
{
    auto* dialog = new PersonalDetailsDialog(core::PersonalDetailsForm::from(m_profile.patron), m_profile.householdName,
                                             m_repos->staff.activeMembers(), this);
    dialog->setObjectName(QStringLiteral("personalDetailsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PersonalDetailsDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.savePersonalDetails(m_patronId, dialog->form(), dialog->householdName(), m_actorId,
                                               &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::editContactDetails()
{
    auto* dialog = new ContactDetailsDialog(m_profile.emails, m_profile.phones, m_profile.patron.originalEmail, this);
    dialog->setObjectName(QStringLiteral("contactDetailsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactDetailsDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.saveContactDetails(m_patronId, dialog->form(), m_actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::editAddresses()
{
    auto* dialog = new AddressesDialog(m_profile.addresses, this);
    dialog->setObjectName(QStringLiteral("addressesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddressesDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_repos->edit.saveAddresses(m_patronId, dialog->addresses(), m_actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadProfile();
    });
    dialog->open();
}

void PatronProfileWidget::openSelectedOrder()
{
    // The table shows the filtered orders; map the row back through the same filter.
    const QString category = m_ui->ordersFilter->currentData().toString();
    int row = m_ui->ordersTable->currentRow();
    for (const core::OrderSummary& order : std::as_const(m_orders)) {
        if (!category.isEmpty() && order.category != category)
            continue;
        if (row-- > 0)
            continue;
        // Seated orders open in the order editor (to carry on with an unconfirmed one, or to refund, request a
        // change or print tickets); anything else in the read-only details.
        const QList<core::OrderLineSummary> lines = m_activity->orderLines(order.id);
        const bool seated = std::any_of(lines.cbegin(), lines.cend(),
                                        [](const core::OrderLineSummary& line) { return !line.seat.isEmpty(); });
        if (order.internalStatus == QLatin1String("open") || seated) {
            openOrderEditor(order.id);
            return;
        }
        auto* dialog = new OrderDetailsDialog(order, lines, this);
        dialog->setObjectName(QStringLiteral("orderDetailsDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
        return;
    }
}

void PatronProfileWidget::openOrderEditor(const QString& orderId)
{
    OrderEditorContext context = OrderEditorContext::forStaff(m_repos, m_staff);
    context.actorId = m_actorId;
    context.patronId = m_patronId;
    context.patronName = m_profile.patron.displayName();
    context.orderId = orderId;
    auto* editor = new OrderEditorDialog(context, this);
    editor->setObjectName(QStringLiteral("orderEditor"));
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &OrderEditorDialog::orderChanged, this, [this] { reloadSections(); });
    editor->open();
}

void PatronProfileWidget::newTask()
{
    auto* dialog = new TaskDialog(m_repos->staff.activeMembers(), m_actorId, this);
    dialog->setObjectName(QStringLiteral("taskDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDialog::saveRequested, this, [this, dialog] {
        core::PatronTask task = dialog->task();
        task.patronId = m_patronId;
        QString error;
        if (!m_repos->tasks.add(task, m_actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadSections();
        m_loaded[ContactLogsSection] = false;
        loadSection(ContactLogsSection);
        emit tasksChanged();
    });
    dialog->open();
}

void PatronProfileWidget::markSelectedTaskDone()
{
    const int row = m_ui->tasksTable->currentRow();
    if (row < 0 || row >= m_tasks.size() || m_tasks.at(row).isDone())
        return;
    auto* dialog = new TaskDoneDialog(m_tasks.at(row).title, this);
    dialog->setObjectName(QStringLiteral("taskDoneDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TaskDoneDialog::doneRequested, this, [this, dialog, id = m_tasks.at(row).id] {
        QString error;
        if (!m_repos->tasks.complete(id, dialog->outcome(), m_actorId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadSections();
        fillTasks();
        emit tasksChanged();
    });
    dialog->open();
}

void PatronProfileWidget::emailManagementLink()
{
    const int row = m_ui->recurringTable->currentRow();
    if (row < 0 || row >= m_recurring.size())
        return;
    QString error;
    if (!m_activity->queueManagementLink(m_recurring.at(row).id, m_actorId, &error)) {
        m_ui->recurringMessage->setText(error);
        m_ui->recurringMessage->setStyleSheet(QStringLiteral("color: #a40000;"));
    } else {
        m_ui->recurringMessage->setText(
            tr("Management link queued to %1; it goes out with the next sync.").arg(m_patronEmail));
        m_ui->recurringMessage->setStyleSheet(QString());
        reloadSections();
    }
    m_ui->recurringMessage->show();
}

const QList<core::OrderSummary>& PatronProfileWidget::currentOrders()
{
    // The overview and the Orders section read the same list; one query per reload serves both.
    if (!m_ordersCurrent) {
        m_orders = m_activity->orders(m_patronId);
        m_ordersCurrent = true;
    }
    return m_orders;
}

void PatronProfileWidget::fillTags()
{
    m_ui->tagsList->clear();
    m_ui->tagsList->addItems(m_details->tags(m_patronId));
}

void PatronProfileWidget::addTag()
{
    QString error;
    if (!m_details->addTag(m_patronId, m_ui->tagField->text(), m_actorId, &error)) {
        m_ui->tagField->setToolTip(error);
        m_ui->tagField->setStyleSheet(QStringLiteral("border: 1px solid #a40000;"));
        return;
    }
    m_ui->tagField->clear();
    m_ui->tagField->setStyleSheet(QString());
    m_ui->tagField->setToolTip(QString());
    fillTags();
}

void PatronProfileWidget::removeSelectedTag()
{
    QListWidgetItem* item = m_ui->tagsList->currentItem();
    if (!item)
        return;
    QString error;
    if (m_details->removeTag(m_patronId, item->text(), m_actorId, &error))
        fillTags();
}

bool PatronProfileWidget::eventFilter(QObject* watched, QEvent* event)
{
    // Delete (or Backspace) on a selected tag removes it: tags are edited in place, from the keyboard too.
    if (watched == m_ui->tagsList && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
            removeSelectedTag();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PatronProfileWidget::fillRelationships()
{
    m_ui->relationshipsList->clear();
    for (const core::Relationship& relationship : m_details->relationships(m_patronId))
        m_ui->relationshipsList->addItem(tr("%1 of %2").arg(relationship.type, relationship.otherName));
}

void PatronProfileWidget::addRelationship()
{
    auto* dialog = new RelationshipDialog(&m_repos->search, this);
    dialog->setObjectName(QStringLiteral("relationshipDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RelationshipDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_details->addRelationship(m_patronId, dialog->otherPatronId(), dialog->type(), m_actorId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        fillRelationships();
    });
    dialog->open();
}

void PatronProfileWidget::composeEmail()
{
    auto* dialog = new EmailComposeDialog(m_actorEmail.isEmpty() ? tr("(sign in to send email)") : m_actorEmail,
                                          m_patronEmail, this);
    dialog->setObjectName(QStringLiteral("emailComposeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EmailComposeDialog::sendRequested, this, [this, dialog] {
        QString error;
        if (!m_activity->queueEmail(m_patronId, m_patronEmail, m_actorId, dialog->subject(), dialog->body(), &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadSections();
        m_loaded[ContactLogsSection] = false; // the new email log shows when staff turn to the section
    });
    dialog->open();
}

void PatronProfileWidget::addNote()
{
    QString error;
    if (!m_activity->addNote(m_patronId, m_ui->newNoteField->text(), m_ui->popUpCheck->isChecked(), m_actorId,
                             &error)) {
        m_ui->noteMessage->setText(error);
        m_ui->noteMessage->setStyleSheet(QStringLiteral("color: #a40000;"));
        m_ui->noteMessage->show();
        m_ui->newNoteField->setFocus();
        return;
    }
    m_ui->noteMessage->hide();
    m_ui->newNoteField->clear();
    m_ui->popUpCheck->setChecked(false);
    reloadSections();
    refreshNotes();
}

void PatronProfileWidget::fillOrders()
{
    const QString category = m_ui->ordersFilter->currentData().toString();
    QList<QStringList> rows;
    qint64 total = 0;
    for (const auto& o : m_orders) {
        if (!category.isEmpty() && o.category != category)
            continue;
        total += o.totalMinor;
        const QString patronLabel = core::OrderStatus::patronLabel(o.internalStatus);
        rows.append({localTime(o.createdAt), o.confirmationNumber, o.label(),
                     core::OrderStatus::staffLabel(o.internalStatus),
                     patronLabel.isEmpty() ? tr("(not shown)") : patronLabel, money(o.totalMinor)});
    }
    fillTable(m_ui->ordersTable,
              {tr("Date"), tr("Confirmation"), tr("Category"), tr("Status"), tr("Patron sees"), tr("Total")}, rows);
    m_ui->ordersTotals->setText(tr("%n order(s), %1", nullptr, int(rows.size())).arg(money(total)));
}

void PatronProfileWidget::fillHistory()
{
    const QString kind = m_ui->historyFilter->currentData().toString();
    QList<QStringList> rows;
    for (const auto& event : m_history)
        if (kind.isEmpty() || event.kind == kind)
            rows.append({localTime(event.occurredAt), QString(event.kind).replace(u'_', u' '), event.summary,
                         orDash(event.actorName)});
    fillTable(m_ui->historyTable, {tr("When"), tr("Kind"), tr("What happened"), tr("Staff")}, rows);
}

void PatronProfileWidget::fillContactLogs()
{
    QList<QStringList> rows;
    for (const auto& log : m_logs)
        rows.append({localTime(log.occurredAt), logKindLabel(log.kind),
                     log.direction == QLatin1String("inbound") ? tr("Incoming") : tr("Outgoing"), log.subject,
                     orDash(log.outcome), orDash(log.staffName)});
    fillTable(m_ui->contactLogTable,
              {tr("When"), tr("Kind"), tr("Direction"), tr("Subject"), tr("Outcome"), tr("Staff")}, rows);
}

void PatronProfileWidget::fillRecurring()
{
    QList<QStringList> rows;
    const QDate today = core::Clock::today();
    for (const auto& r : m_recurring) {
        const QDate next = r.nextChargeDate(today);
        rows.append({money(r.amountMinor), r.frequency,
                     r.termMonths > 0 ? tr("%n month(s)", nullptr, r.termMonths) : tr("Until cancelled"),
                     next.isValid() ? QLocale().toString(next, QLocale::ShortFormat) : orDash(QString()), r.status,
                     orDash(r.cancelReason), orDash(r.fundName)});
    }
    fillTable(
        m_ui->recurringTable,
        {tr("Amount"), tr("Frequency"), tr("Term"), tr("Next date"), tr("Status"), tr("Cancel reason"), tr("Fund")},
        rows);
}

void PatronProfileWidget::logActivity()
{
    core::ContactLog fresh;
    fresh.kind = QStringLiteral("phone");
    fresh.direction = QStringLiteral("inbound");
    auto* dialog = new ContactLogDialog(fresh, this);
    dialog->setObjectName(QStringLiteral("contactLogDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactLogDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_activity->addContactLog(m_patronId, dialog->log(), m_actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadSections();
    });
    dialog->open();
}

void PatronProfileWidget::editSelectedLog()
{
    const int row = m_ui->contactLogTable->currentRow();
    if (row < 0 || row >= m_logs.size())
        return;
    const core::ContactLog log = m_logs.at(row);
    if (!log.isEditable()) {
        m_ui->contactLogMessage->setText(tr("Email entries record what was sent and cannot be changed."));
        m_ui->contactLogMessage->show();
        return;
    }
    m_ui->contactLogMessage->hide();
    auto* dialog = new ContactLogDialog(log, this);
    dialog->setObjectName(QStringLiteral("contactLogDialog"));
    dialog->setWindowTitle(tr("Edit contact log"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ContactLogDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_activity->updateContactLog(dialog->log(), m_actorId, &error)) {
            dialog->showProblem(tr("Not saved: %1").arg(error));
            return;
        }
        dialog->accept();
        reloadSections();
    });
    dialog->open();
}

void PatronProfileWidget::cancelSelectedRecurringDonation()
{
    const int row = m_ui->recurringTable->currentRow();
    if (row < 0 || row >= m_recurring.size())
        return;
    const core::RecurringDonation donation = m_recurring.at(row);
    if (donation.status != QLatin1String("active")) {
        m_ui->recurringMessage->setText(donation.cancelProblem(QStringLiteral("n/a")).isEmpty()
                                            ? tr("Only an active recurring donation can be cancelled.")
                                            : donation.cancelProblem(QStringLiteral("n/a")));
        m_ui->recurringMessage->show();
        return;
    }
    m_ui->recurringMessage->hide();
    auto* dialog = new CancelRecurringDialog(tr("%1 %2, started %3")
                                                 .arg(money(donation.amountMinor), donation.frequency,
                                                      QLocale().toString(donation.startsOn, QLocale::ShortFormat)),
                                             this);
    dialog->setObjectName(QStringLiteral("cancelRecurringDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = donation.id;
    connect(dialog, &CancelRecurringDialog::cancelRequested, this, [this, dialog, id] {
        QString error;
        if (!m_activity->cancelRecurringDonation(id, dialog->reason(), m_actorId, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadSections();
    });
    dialog->open();
}

void PatronProfileWidget::reloadProfile()
{
    const std::optional<core::PatronProfile> profile = m_repos->patrons.loadProfile(m_patronId);
    if (!profile)
        return;
    show(*profile);
    reloadSections();
    emit profileChanged(profile->patron.displayName());
}

void PatronProfileWidget::show(const core::PatronProfile& profile)
{
    m_profile = profile;
    m_createdAt = profile.patron.createdAt;
    m_patronEmail = profile.emails.isEmpty() ? profile.patron.originalEmail : profile.emails.constFirst().value;
    m_ui->emailButton->setEnabled(!m_patronEmail.isEmpty());
    m_source = profile.patron.source;
    const core::Patron& p = profile.patron;
    const QLocale locale;
    setAccessibleName(tr("Profile of %1").arg(p.displayName()));
    m_ui->displayNameLabel->setText(p.displayName());
    m_ui->subtitleLabel->setText(tr("Patron #%1 \u00b7 since %2")
                                     .arg(p.patronNumber)
                                     .arg(locale.toString(p.createdAt.toLocalTime().date(), QLocale::ShortFormat)));
    m_ui->fullNameValue->setText(orDash(p.fullName()));
    m_ui->preferredNameValue->setText(orDash(p.preferredName));
    m_ui->nicknameValue->setText(orDash(p.nickname));
    m_ui->pronounsValue->setText(orDash(p.pronouns));
    m_ui->birthdayValue->setText(p.birthday.isValid() ? locale.toString(p.birthday, QLocale::LongFormat)
                                                      : orDash(QString()));
    m_ui->organisationValue->setText(orDash(p.organisation));

    QStringList emails;
    for (const core::ContactPoint& email : profile.emails) {
        QString line = email.value;
        if (email.isPrimary)
            line += tr(" (primary)");
        if (email.isOriginal)
            line += tr(" (original)");
        emails.append(line);
    }
    if (emails.isEmpty() && !p.originalEmail.isEmpty())
        emails.append(p.originalEmail + tr(" (original)"));
    m_ui->emailsValue->setText(orDash(emails.join(u'\n')));

    QStringList phones;
    for (const core::ContactPoint& phone : profile.phones) {
        QString kind;
        switch (phone.kind) {
        case core::ContactPoint::Kind::HomePhone:
            kind = tr("home");
            break;
        case core::ContactPoint::Kind::CellPhone:
            kind = tr("cell");
            break;
        case core::ContactPoint::Kind::WorkPhone:
            kind = tr("work");
            break;
        default:
            kind = tr("other");
            break;
        }
        phones.append(tr("%1 (%2)").arg(phone.value, kind));
    }
    m_ui->phonesValue->setText(orDash(phones.join(u'\n')));
    QStringList addresses;
    for (const core::PostalAddress& address : profile.addresses)
        addresses.append(address.isPrimary && profile.addresses.size() > 1
                             ? tr("%1 (primary)").arg(address.singleLine())
                             : address.singleLine());
    m_ui->addressesValue->setText(orDash(addresses.join(u'\n')));
    m_ui->contactMethodValue->setText(orDash(p.preferredContactMethod));
    m_ui->contactOwnerValue->setText(orDash(profile.contactOwnerName));
    m_ui->householdValue->setText(orDash(profile.householdName));
    m_ui->subscriptionValue->setText(p.emailSubscription ? tr("Subscribed") : tr("Not subscribed"));
    m_ui->alumniValue->setText(p.alumniYear > 0 ? QString::number(p.alumniYear) : orDash(QString()));
    m_ui->tagsList->clear();
    m_ui->tagsList->addItems(profile.tags);
}

} // namespace foyer::gui
