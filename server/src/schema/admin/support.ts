// Support desk, operators' side: the ticket queue and staff view of tickets, the operator
// mutations, canned responses and FAQ analytics, the SLA config and the operators.
import "./support/ticket-queue.ts";
import "./support/ticket-mutations.ts";
import "./support/canned-responses-and-faq.ts";
import "./support/sla-and-operators.ts";
