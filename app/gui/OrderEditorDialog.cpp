#include "OrderEditorDialog.h"

#include "ChangeRequestDialog.h"
#include "Clock.h"
#include "ExchangeDialog.h"
#include "FieldProblem.h"
#include "MoneyText.h"
#include "OrderStatus.h"
#include "PayType.h"
#include "ReasonDialog.h"
#include "SeatSpec.h"
#include "Tender.h"
#include "UuidV7.h"
#include "order/OrderLinesTable.h"
#include "order/OrderTickets.h"
#include "order/PaymentDialog.h"
#include "ui_OrderEditorDialog.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>

namespace foyer::gui {

OrderEditorContext OrderEditorContext::forStaff(storage::Repositories* repos, const core::StaffMember& staff)
{
    OrderEditorContext context;
    context.repos = repos;
    context.actorId = staff.id;
    context.actor = staff;
    QString readError;
    const QString memberAuthentication = repos->settings.value(
        QString::fromLatin1(storage::SettingsRepository::MemberAuthentication), QString(), &readError);
    if (!readError.isEmpty())
        context.settingsProblem = OrderEditorDialog::tr("The venue settings could not be read: %1").arg(readError);
    context.memberAuthentication = memberAuthentication == QLatin1String("on");
    return context;
}

OrderEditorDialog::OrderEditorDialog(const OrderEditorContext& context, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::OrderEditorDialog>())
    , m_context(context)
{
    m_ui->setupUi(this);
    setAccessibleName(tr("Order editor"));
    m_ui->problemLabel->hide();
    m_ui->seatEntryProblem->hide();
    // The seat map zooms to fit; the lines need the width, so each row's problem stays in view beside its seat.
    m_ui->editorSplitter->setSizes({470, 890});
    m_ui->editorSplitter->setStretchFactor(1, 2);
    for (const auto& [code, label] :
         {std::pair{QStringLiteral("box_office"), tr("Box office")}, std::pair{QStringLiteral("phone"), tr("Phone")},
          std::pair{QStringLiteral("online"), tr("Online")}})
        m_ui->channelCombo->addItem(label, code);

    QString loadError;
    if (!context.orderId.isEmpty()) {
        if (const auto loaded = context.repos->orders.load(context.orderId, &loadError))
            m_order = *loaded;
    }
    if (m_order.patronId.isEmpty())
        m_order.patronId = context.patronId;
    m_ui->channelCombo->setCurrentIndex(std::max(0, m_ui->channelCombo->findData(m_order.channel)));
    connect(m_ui->channelCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_order.channel = m_ui->channelCombo->currentData().toString(); });
    m_ui->patronValue->setText(context.patronName.isEmpty() ? tr("Walk-up sale (no patron)") : context.patronName);

    // Notes flagged to pop up for this patron greet staff as the order starts.
    QStringList popUps;
    if (!m_order.patronId.isEmpty()) {
        QString notesError;
        for (const core::PatronNote& note : context.repos->activity.notes(m_order.patronId, &notesError))
            if (note.popUp)
                popUps.append(note.body.toHtmlEscaped());
        if (!notesError.isEmpty())
            showProblem(tr("The patron's notes could not be read: %1").arg(notesError));
    }
    m_ui->popUpNotesBanner->setText(popUps.isEmpty() ? QString()
                                                     : tr("<b>Note:</b> %1").arg(popUps.join(QStringLiteral("<br>"))));
    m_ui->popUpNotesBanner->setStyleSheet(
        QStringLiteral("background: #fff4c2; border: 1px solid #e0c060; border-radius: 4px; padding: 6px;"));
    m_ui->popUpNotesBanner->setVisible(!popUps.isEmpty());
    m_ui->needsAttentionBanner->setStyleSheet(QStringLiteral(
        "background: #fde4e1; color: #8f1d10; border: 1px solid #e0a49c; border-radius: 4px; padding: 6px;"));
    readAttention();

    QStringList legend;
    for (SeatMapView::State state : {SeatMapView::State::Free, SeatMapView::State::MemberOnly, SeatMapView::State::Held,
                                     SeatMapView::State::Sold, SeatMapView::State::InOrder})
        legend.append(QStringLiteral("<span style=\"color: %1; font-size: large;\">\u25a0</span> %2")
                          .arg(SeatMapView::colorFor(state).name(), SeatMapView::stateLabel(state)));
    m_ui->legendLabel->setText(legend.join(QStringLiteral(" &nbsp; ")));

    m_lines = std::make_unique<OrderLinesTable>(
        m_ui->linesTable, context.repos, m_order, m_passwords, context.memberAuthentication,
        [this](const QString& problem) { showProblem(problem); }, [this] { updateTotals(); });

    connect(m_ui->performanceCombo, &QComboBox::currentIndexChanged, this, &OrderEditorDialog::showPerformance);
    connect(m_ui->seatMap, &SeatMapView::seatActivated, this, &OrderEditorDialog::toggleSeat);
    connect(m_ui->fitButton, &QPushButton::clicked, m_ui->seatMap, &SeatMapView::fitHall);
    connect(m_ui->seatEntryField, &QLineEdit::returnPressed, this,
            [this] { addTypedSeats(m_ui->seatEntryField->text()); });
    connect(m_ui->addSeatsButton, &QPushButton::clicked, this, [this] { addTypedSeats(m_ui->seatEntryField->text()); });
    connect(m_ui->removeLineButton, &QPushButton::clicked, this, &OrderEditorDialog::removeSelectedLine);
    connect(m_ui->saveOrderButton, &QPushButton::clicked, this, &OrderEditorDialog::saveOrder);
    connect(m_ui->confirmOrderButton, &QPushButton::clicked, this, &OrderEditorDialog::confirmOrder);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->refundButton, &QPushButton::clicked, this, &OrderEditorDialog::refundSelectedSeat);
    connect(m_ui->changeRequestButton, &QPushButton::clicked, this, &OrderEditorDialog::requestChange);
    connect(m_ui->exchangeButton, &QPushButton::clicked, this, &OrderEditorDialog::exchangeSelectedSeat);
    connect(m_ui->voidButton, &QPushButton::clicked, this, &OrderEditorDialog::voidOrder);
    connect(m_ui->printTicketsButton, &QPushButton::clicked, this, &OrderEditorDialog::printTickets);
    auto* removeKey =
        new QShortcut(QKeySequence::Delete, m_ui->linesTable, this, &OrderEditorDialog::removeSelectedLine);
    removeKey->setContext(Qt::WidgetShortcut);

    if (!m_context.settingsProblem.isEmpty())
        showProblem(m_context.settingsProblem);
    loadPerformances();
    m_lines->fill();
    showHeader();
    if (!loadError.isEmpty())
        showProblem(tr("The order could not be opened: %1").arg(loadError));
    m_ui->seatEntryField->setFocus();
}

OrderEditorDialog::~OrderEditorDialog() = default;

void OrderEditorDialog::loadPerformances()
{
    // From a day ago: an evening's late sales still find tonight's show.
    QString readError;
    m_performances = m_context.repos->venue.performances(core::Clock::currentDateTimeUtc().addDays(-1), &readError);
    if (!readError.isEmpty())
        showProblem(tr("The performances could not be read: %1").arg(readError));
    QSignalBlocker block(m_ui->performanceCombo);
    m_ui->performanceCombo->clear();
    for (const auto& p : std::as_const(m_performances))
        m_ui->performanceCombo->addItem(
            tr("%1 \u2014 %2, %3").arg(p.showTitle, MoneyText::localTime(p.startsAt), p.hallName), p.id);
    // An existing order opens on its first line's performance.
    int index = 0;
    if (!m_order.lines.isEmpty())
        index = std::max(0, m_ui->performanceCombo->findData(m_order.lines.constFirst().performanceId));
    m_ui->performanceCombo->setCurrentIndex(m_performances.isEmpty() ? -1 : index);
    showPerformance(m_ui->performanceCombo->currentIndex());
}

void OrderEditorDialog::showPerformance(int index)
{
    if (index < 0 || index >= m_performances.size()) {
        m_seats.clear();
        m_ui->seatMap->setSeats({});
        return;
    }
    QString readError;
    m_seats = m_context.repos->venue.seats(m_performances.at(index).hallId, &readError);
    if (!readError.isEmpty())
        showProblem(tr("The seats of this hall could not be read: %1").arg(readError));
    m_ui->seatMap->setSeats(m_seats);
    refreshMap();
}

void OrderEditorDialog::refreshMap()
{
    const int index = m_ui->performanceCombo->currentIndex();
    if (index < 0 || index >= m_performances.size())
        return;
    const QString performanceId = m_performances.at(index).id;
    QHash<QString, SeatMapView::State> states;
    QString readError;
    const auto stored = m_context.repos->venue.seatStates(performanceId, &readError);
    if (!readError.isEmpty())
        // Without them a sold seat would look free: say so where staff look before choosing seats.
        showProblem(tr("Which seats are sold could not be read: %1").arg(readError));
    for (auto it = stored.cbegin(); it != stored.cend(); ++it)
        states.insert(it.key(), it.value() == storage::VenueRepository::SeatState::Sold ? SeatMapView::State::Sold
                                                                                        : SeatMapView::State::Held);
    for (const core::OrderLineDraft& line : std::as_const(m_order.lines))
        if (line.performanceId == performanceId && !line.seatId.isEmpty())
            states.insert(line.seatId, SeatMapView::State::InOrder);
    m_ui->seatMap->setStates(states);
}

bool OrderEditorDialog::addSeat(const core::SeatMap::Seat& seat, QString* problem)
{
    const int index = m_ui->performanceCombo->currentIndex();
    const auto& performance = m_performances.at(index);
    const SeatMapView::State state = m_ui->seatMap->stateOf(seat.id);
    if (state == SeatMapView::State::Sold || state == SeatMapView::State::Held) {
        *problem = tr("Seat %1 is already %2 for this performance.")
                       .arg(seat.label(), state == SeatMapView::State::Sold ? tr("sold") : tr("held"));
        return false;
    }
    if (state == SeatMapView::State::InOrder)
        return true; // already in the order: typing it again is not a mistake
    core::OrderLineDraft line;
    line.id = core::UuidV7::generateText();
    line.performanceId = performance.id;
    line.showId = performance.showId;
    line.showTitle = performance.showTitle;
    line.performanceAt = performance.startsAt;
    line.seatId = seat.id;
    line.seatLabel = seat.label();
    line.section = seat.section;
    const auto prices = m_lines->priceTypesFor(performance.showId);
    if (!prices.isEmpty()) {
        line.priceTypeId = prices.constFirst().id;
        line.priceTypeName = prices.constFirst().name;
        line.listPriceMinor = prices.constFirst().priceMinor;
    }
    m_order.lines.append(line);
    return true;
}

void OrderEditorDialog::toggleSeat(const QString& seatId)
{
    for (int i = 0; i < m_order.lines.size(); ++i)
        if (m_order.lines.at(i).seatId == seatId &&
            m_order.lines.at(i).performanceId == m_ui->performanceCombo->currentData().toString()) {
            m_passwords.forget(m_order.lines.at(i).id);
            m_order.lines.removeAt(i);
            m_lines->fill();
            refreshMap();
            return;
        }
    for (const core::SeatMap::Seat& seat : std::as_const(m_seats))
        if (seat.id == seatId) {
            QString problem;
            if (!addSeat(seat, &problem))
                showProblem(problem);
            else
                m_ui->problemLabel->hide();
            break;
        }
    m_lines->fill();
    refreshMap();
}

bool OrderEditorDialog::addTypedSeats(const QString& text)
{
    FieldProblem::clear(m_ui->seatEntryProblem, m_ui->seatEntryField);
    if (m_seats.isEmpty()) {
        FieldProblem::show(m_ui->seatEntryProblem, tr("Choose a performance first."), m_ui->seatEntryField);
        return false;
    }
    QString problem;
    const QList<core::SeatSpec::Seat> typed = core::SeatSpec::parse(text, &problem);
    QList<core::SeatMap::Seat> found;
    // Without a section typed, the section of the seat the map's cursor is on decides between sections.
    QString cursorSection;
    for (const core::SeatMap::Seat& seat : std::as_const(m_seats))
        if (seat.id == m_ui->seatMap->currentSeatId())
            cursorSection = seat.section;
    for (const core::SeatSpec::Seat& want : typed) {
        const QString number = QString::number(want.number);
        QList<core::SeatMap::Seat> matches;
        for (const core::SeatMap::Seat& seat : std::as_const(m_seats))
            if (seat.row.compare(want.row, Qt::CaseInsensitive) == 0 && seat.number == number &&
                (want.section.isEmpty() || seat.section.compare(want.section, Qt::CaseInsensitive) == 0))
                matches.append(seat);
        if (matches.size() > 1)
            for (const core::SeatMap::Seat& seat : std::as_const(matches))
                if (seat.section == cursorSection)
                    matches = {seat};
        const QString typedLabel =
            (want.section.isEmpty() ? QString() : want.section + u' ') + want.row + QString::number(want.number);
        if (matches.isEmpty()) {
            problem = tr("There is no seat %1 in this hall.").arg(typedLabel);
            break;
        }
        if (matches.size() > 1) {
            QStringList sections;
            for (const core::SeatMap::Seat& seat : std::as_const(matches))
                sections.append(seat.section);
            problem = tr("Seat %1 is in %2: type the section too, e.g. %3 %1.")
                          .arg(typedLabel, sections.join(QStringLiteral(", ")), sections.constFirst());
            break;
        }
        found.append(matches.constFirst());
    }
    // All or nothing: one seat that cannot be sold leaves the order as it was.
    const QList<core::OrderLineDraft> before = m_order.lines;
    for (const core::SeatMap::Seat& seat : std::as_const(found))
        if (problem.isEmpty() && !addSeat(seat, &problem))
            break;
    if (!problem.isEmpty()) {
        m_order.lines = before;
        FieldProblem::show(m_ui->seatEntryProblem, problem, m_ui->seatEntryField);
        return false;
    }
    m_ui->seatEntryField->clear();
    m_lines->fill();
    refreshMap();
    return true;
}

void OrderEditorDialog::removeSelectedLine()
{
    const int row = m_ui->linesTable->currentRow();
    if (row < 0 || row >= m_order.lines.size())
        return;
    m_passwords.forget(m_order.lines.at(row).id);
    m_order.lines.removeAt(row);
    m_lines->fill();
    refreshMap();
    m_ui->linesTable->selectRow(std::min(row, int(m_order.lines.size()) - 1));
}

void OrderEditorDialog::updateTotals()
{
    QStringList parts;
    const auto totals = m_order.totalsByPayType();
    const auto seats = m_order.seatsByPayType();
    for (const QString& code : core::PayType::codes()) {
        if (!seats.contains(code))
            continue;
        parts.append(core::PayType::isMembership(code)
                         ? tr("%1: %n seat(s)", nullptr, seats.value(code)).arg(core::PayType::label(code))
                         : tr("%1: %2").arg(core::PayType::label(code), MoneyText::amount(totals.value(code))));
    }
    parts.append(tr("<b>Total %1</b>").arg(MoneyText::amount(m_order.totalMinor())));
    m_ui->totalsLabel->setText(parts.join(QStringLiteral(" \u00b7 ")));
}

void OrderEditorDialog::readAttention()
{
    m_attention = {};
    if (!m_order.id.isEmpty()) {
        QString error;
        if (const auto attention = m_context.repos->syncOutbox.attentionFor(m_order.id, &error))
            m_attention = *attention;
        else
            showProblem(tr("Whether the server refused this order could not be read: %1").arg(error));
    }
    m_ui->needsAttentionBanner->setText(
        resolving() ? tr("<b>Needs attention:</b> the venue's server refused this order: %1<br>Pick another seat or "
                         "pay type and confirm it again (it is sent again as you confirm it), or cancel it in the "
                         "sync panel.")
                          .arg(m_attention.reason.toHtmlEscaped())
                    : QString());
    m_ui->needsAttentionBanner->setVisible(resolving());
}

void OrderEditorDialog::showHeader()
{
    m_ui->confirmationValue->setText(
        m_order.confirmationNumber.isEmpty() ? tr("New order") : tr("Confirmation %1").arg(m_order.confirmationNumber));
    const bool confirmed = m_order.internalStatus != QLatin1String("open");
    m_ui->statusValue->setText(confirmed ? core::OrderStatus::staffLabel(m_order.internalStatus) : tr("Not confirmed"));
    m_ui->statusValue->setStyleSheet(confirmed ? QStringLiteral("color: #4e9a06; font-weight: bold;")
                                               : QStringLiteral("color: #ce5c00; font-weight: bold;"));
    setWindowTitle(m_order.confirmationNumber.isEmpty() ? tr("New order")
                                                        : tr("Order %1").arg(m_order.confirmationNumber));
    // A confirmed order is changed through the order's life (refunds, exchanges, change requests), not here; one the
    // server refused is changed here and confirmed again (the server took nothing of it).
    const bool editable = !confirmed || (resolving() && m_order.internalStatus != QLatin1String("void"));
    for (QWidget* w :
         QList<QWidget*>{m_ui->confirmOrderButton, m_ui->addSeatsButton, m_ui->seatEntryField, m_ui->removeLineButton})
        w->setEnabled(editable);
    m_ui->saveOrderButton->setEnabled(!confirmed);
    // Refunds, exchanges, change requests and tickets are for a sold order; a void one is finished, and an order that
    // was saved but not paid can be voided. A refused order is resolved first.
    const bool sold = confirmed && !resolving() && m_order.internalStatus != QLatin1String("void") &&
                      m_order.internalStatus != QLatin1String("fully_refunded");
    for (QWidget* w :
         QList<QWidget*>{m_ui->refundButton, m_ui->exchangeButton, m_ui->changeRequestButton, m_ui->printTicketsButton})
        w->setVisible(sold);
    m_ui->voidButton->setVisible(!m_order.id.isEmpty() && !resolving() &&
                                 m_order.internalStatus == QLatin1String("open"));
    m_lines->setEditable(editable);
}

void OrderEditorDialog::showWritten(const QString& message)
{
    readAttention();
    showHeader();
    refreshMap();
    m_ui->problemLabel->setStyleSheet(QString());
    m_ui->problemLabel->setText(message);
    m_ui->problemLabel->setVisible(!message.isEmpty());
    emit orderChanged(m_order.patronId);
}

void OrderEditorDialog::showProblem(const QString& message)
{
    FieldProblem::show(m_ui->problemLabel, message);
}

bool OrderEditorDialog::saveOrder()
{
    QString error;
    if (m_order.lines.isEmpty()) {
        showProblem(tr("Add at least one seat."));
        return false;
    }
    const bool saved = resolving() ? m_context.repos->orders.resolveRefused(m_order, m_attention.operationIds,
                                                                            m_context.actorId, nullptr, &error)
                                   : m_context.repos->orders.save(m_order, m_context.actorId, &error);
    if (!saved) {
        showProblem(tr("Not saved: %1").arg(error));
        refreshMap();
        return false;
    }
    showWritten(QString());
    return true;
}

bool OrderEditorDialog::confirmOrder()
{
    QString error;
    QList<core::MembershipCreditRule::LineError> lineErrors;
    for (core::OrderLineDraft& line : m_order.lines)
        line.error.clear();
    core::MembershipCreditRule::PasswordCheck check;
    if (m_context.memberAuthentication)
        check = m_passwords.check();
    // A refused order still open is saved again, not confirmed: nothing is paid for it.
    if (resolving() && m_order.internalStatus == QLatin1String("open"))
        return confirmWith(nullptr, &error);
    // First the checks, nothing written: a seat or membership line that would refuse the order is found before the
    // patron pays.
    QMap<QString, qint64> totals;
    if (!m_context.repos->orders.confirmable(m_order, m_context.actorId, &lineErrors, &error, check,
                                             resolving() ? m_attention.operationIds : QStringList(), &totals)) {
        showRefused(lineErrors, error);
        return false;
    }
    const QList<core::Tender::Payment> due = core::Tender::due(totals);
    if (due.isEmpty())
        return confirmWith(nullptr, &error);
    auto* payment = new PaymentDialog(due, this);
    payment->setObjectName(QStringLiteral("paymentDialog"));
    payment->setAttribute(Qt::WA_DeleteOnClose);
    connect(payment, &PaymentDialog::completeRequested, this, [this, payment] {
        const QList<core::Tender::Payment> payments = payment->payments();
        QString why;
        if (confirmWith(&payments, &why))
            payment->accept();
        else
            payment->showProblem(why);
    });
    payment->open();
    return true;
}

bool OrderEditorDialog::confirmWith(const QList<core::Tender::Payment>* payments, QString* error)
{
    QList<core::MembershipCreditRule::LineError> lineErrors;
    core::MembershipCreditRule::PasswordCheck check;
    if (m_context.memberAuthentication)
        check = m_passwords.check();
    // A refused order is confirmed again as it now is, and the refusal resolved, in one transaction.
    const bool ok =
        resolving() ? m_context.repos->orders.resolveRefused(m_order, m_attention.operationIds, m_context.actorId,
                                                             &lineErrors, error, check, payments)
                    : m_context.repos->orders.confirm(m_order, m_context.actorId, &lineErrors, error, check, payments);
    if (!ok) {
        showRefused(lineErrors, *error);
        return false;
    }
    // A confirmed order needs its passwords no more; a refused one keeps them, so only the failing seat needs work.
    m_passwords.wipe();
    m_lines->fill();
    showWritten(QString());
    return true;
}

void OrderEditorDialog::showRefused(const QList<core::MembershipCreditRule::LineError>& lineErrors,
                                    const QString& error)
{
    for (const auto& lineError : lineErrors)
        if (lineError.row >= 0 && lineError.row < m_order.lines.size())
            m_order.lines[lineError.row].error = lineError.message;
    m_lines->fill();
    QStringList rows;
    for (const auto& lineError : lineErrors)
        if (lineError.row >= 0 && lineError.row < m_order.lines.size())
            rows.append(tr("%1: %2").arg(m_order.lines.at(lineError.row).seatLabel, lineError.message));
    showProblem(lineErrors.isEmpty()
                    ? tr("Not confirmed: %1").arg(error)
                    : tr("Not confirmed. Fix the membership number or switch the seat to another pay type.\n%1")
                          .arg(rows.join(u'\n')));
    if (!lineErrors.isEmpty())
        m_ui->linesTable->selectRow(lineErrors.constFirst().row);
}

void OrderEditorDialog::reloadOrder()
{
    QString error;
    if (const auto reloaded = m_context.repos->orders.load(m_order.id, &error))
        m_order = *reloaded;
    else
        showProblem(tr("The order could not be read again: %1").arg(error));
}

void OrderEditorDialog::done(int result)
{
    m_passwords.wipe();
    QDialog::done(result);
}

void OrderEditorDialog::refundSelectedSeat()
{
    const int row = m_ui->linesTable->currentRow();
    if (row < 0 || row >= m_order.lines.size())
        return;
    const core::OrderLineDraft line = m_order.lines.at(row);
    auto* dialog = new ReasonDialog(tr("Refund a seat"),
                                    tr("Refund %1 (%2, %3) of order %4.")
                                        .arg(line.seatLabel, core::PayType::label(line.payType),
                                             MoneyText::amount(line.priceMinor()), m_order.confirmationNumber),
                                    tr("Refund"), this);
    dialog->setObjectName(QStringLiteral("refundDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReasonDialog::confirmed, this, [this, dialog, lineId = line.id, seat = line.seatLabel] {
        QString error;
        core::OrderLifeRules::RefundPlan plan;
        if (!m_context.repos->orderLife.refund(m_order.id, {lineId}, m_context.actor, dialog->reason(), &plan,
                                               &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadOrder();
        m_lines->fill();
        showWritten(plan.creditsFreed > 0 ? tr("%1 refunded; the member's seat credit is free again.").arg(seat)
                                          : tr("%1 refunded: %2 back.").arg(seat, MoneyText::amount(plan.refundMinor)));
    });
    dialog->open();
}

void OrderEditorDialog::exchangeSelectedSeat()
{
    const int row = m_ui->linesTable->currentRow();
    if (row < 0 || row >= m_order.lines.size())
        return;
    auto* dialog = new ExchangeDialog(m_context.repos, m_order.lines.at(row), this);
    dialog->setObjectName(QStringLiteral("exchangeDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExchangeDialog::exchangeRequested, this, [this, dialog, lineId = m_order.lines.at(row).id] {
        const QString seatId = dialog->resolveSeat();
        if (seatId.isEmpty())
            return;
        QString error;
        qint64 difference = 0;
        if (!m_context.repos->orderLife.exchange(m_order.id, lineId, dialog->performanceId(), seatId,
                                                 dialog->newPriceMinor(), m_context.actor, dialog->reason(),
                                                 &difference, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        reloadOrder();
        m_lines->fill();
        showWritten(difference > 0   ? tr("Exchanged: the patron pays %1 more.").arg(MoneyText::amount(difference))
                    : difference < 0 ? tr("Exchanged: %1 back to the patron.").arg(MoneyText::amount(-difference))
                                     : tr("Exchanged at the same price."));
    });
    dialog->open();
}

void OrderEditorDialog::voidOrder()
{
    auto* dialog = new ReasonDialog(
        tr("Void the order"),
        tr("Void order %1 and free its %n seat(s). Nothing was paid for it.", nullptr, int(m_order.lines.size()))
            .arg(m_order.confirmationNumber),
        tr("Void order"), this);
    dialog->setObjectName(QStringLiteral("voidDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReasonDialog::confirmed, this, [this, dialog] {
        QString error;
        if (!m_context.repos->orderLife.voidOrder(m_order.id, m_context.actor, dialog->reason(), &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        m_order.internalStatus = QStringLiteral("void");
        m_order.lines.clear();
        m_lines->fill();
        showHeader();
        refreshMap();
        emit orderChanged(m_order.patronId);
    });
    dialog->open();
}

void OrderEditorDialog::requestChange()
{
    auto* dialog = new ChangeRequestDialog(m_context.patronName, this);
    dialog->setObjectName(QStringLiteral("changeRequestDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ChangeRequestDialog::saveRequested, this, [this, dialog] {
        QString error;
        if (!m_context.repos->orderLife.requestChange(m_order.id, dialog->whatShouldChange(), dialog->reason(),
                                                      dialog->requestedBy(), m_context.actor, &error)) {
            dialog->showProblem(error);
            return;
        }
        dialog->accept();
        emit orderChanged(m_order.patronId);
    });
    dialog->open();
}

reports::TicketOrder OrderEditorDialog::ticketOrder()
{
    return OrderTickets(m_context.repos, m_order, m_context.patronName, m_performances).tickets();
}

bool OrderEditorDialog::exportTicketsPdf(const QString& path)
{
    QString problem;
    const bool written =
        OrderTickets(m_context.repos, m_order, m_context.patronName, m_performances).writePdf(path, &problem);
    if (!problem.isEmpty())
        showProblem(problem);
    return written;
}

void OrderEditorDialog::printTickets()
{
    OrderTickets(m_context.repos, m_order, m_context.patronName, m_performances)
        .print(this, [this](const QString& problem) { showProblem(problem); });
}

} // namespace foyer::gui
