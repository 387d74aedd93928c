-- The webhook outbox is written by triggers, so an event is stored in the same transaction as
-- the change that caused it, whichever code path made the change (the chat's tools, the
-- console, an inbound webhook, SQL by hand). Only types some enabled endpoint subscribes to are
-- stored, with one delivery per such endpoint. Order events fire at commit (deferred), when the
-- order's items are in place.

CREATE FUNCTION "webhook_emit"(event_type text, payload jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  event_id text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "WebhookEndpoint" WHERE enabled AND event_type = ANY(events)) THEN
    RETURN;
  END IF;
  event_id := 'evt_' || replace(gen_random_uuid()::text, '-', '');
  INSERT INTO "WebhookEvent" (id, type, payload) VALUES (event_id, event_type, payload);
  INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId")
    SELECT 'dlv_' || replace(gen_random_uuid()::text, '-', ''), event_id, e.id
    FROM "WebhookEndpoint" e WHERE e.enabled AND event_type = ANY(e.events);
END $$;

CREATE FUNCTION "webhook_order_payload"(o "Order") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'orderId', o.id,
    'customerId', o."customerId",
    'status', o.status::text,
    'placedAt', to_char(o."placedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'couponCode', o."couponCode",
    'shippingFee', o."shippingFee"::text,
    'total', o.total::text,
    'items', COALESCE((
      SELECT jsonb_agg(jsonb_build_object(
        'sku', i.sku, 'quantity', i.quantity, 'unitPrice', i."unitPrice"::text, 'discount', i.discount::text) ORDER BY i.line)
      FROM "OrderItem" i WHERE i."orderId" = o.id), '[]'::jsonb))
$$;

CREATE FUNCTION "webhook_order_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  current_order "Order";
BEGIN
  SELECT * INTO current_order FROM "Order" WHERE id = NEW.id;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM "webhook_emit"('order.placed', "webhook_order_payload"(current_order));
  ELSIF NEW.status = 'cancelled' AND OLD.status IS DISTINCT FROM 'cancelled' THEN
    PERFORM "webhook_emit"('order.cancelled', "webhook_order_payload"(current_order) || jsonb_build_object('previousStatus', OLD.status::text));
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "Order_webhook_placed" AFTER INSERT ON "Order"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "webhook_order_events"();
CREATE CONSTRAINT TRIGGER "Order_webhook_cancelled" AFTER UPDATE OF status ON "Order"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'cancelled' AND OLD.status IS DISTINCT FROM 'cancelled')
  EXECUTE FUNCTION "webhook_order_events"();

CREATE FUNCTION "webhook_conversation_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  base jsonb := jsonb_build_object(
    'conversationId', NEW.id,
    'customerId', NEW."customerId",
    'status', NEW.status::text,
    'assignedStaffId', NEW."assignedStaffId");
BEGIN
  IF NEW.status = 'waiting_human' AND OLD.status IS DISTINCT FROM 'waiting_human' THEN
    PERFORM "webhook_emit"('conversation.handoff_requested', base || jsonb_build_object(
      'handoffRequestedAt', to_char(NEW."handoffRequestedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
  END IF;
  IF NEW.status = 'closed' AND OLD.status IS DISTINCT FROM 'closed' THEN
    PERFORM "webhook_emit"('conversation.closed', base || jsonb_build_object(
      'closedAt', to_char(NEW."closedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'messageCount', NEW."messageCount"));
  END IF;
  IF NEW.rating IS NOT NULL AND (NEW.rating IS DISTINCT FROM OLD.rating
      OR NEW."ratingComment" IS DISTINCT FROM OLD."ratingComment" OR NEW."ratedAt" IS DISTINCT FROM OLD."ratedAt") THEN
    PERFORM "webhook_emit"('conversation.rated', base || jsonb_build_object(
      'rating', NEW.rating, 'comment', NEW."ratingComment",
      'ratedAt', to_char(NEW."ratedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Conversation_webhook_events" AFTER UPDATE ON "Conversation"
  FOR EACH ROW EXECUTE FUNCTION "webhook_conversation_events"();

CREATE FUNCTION "webhook_tool_call_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.state IN ('succeeded', 'failed') AND (TG_OP = 'INSERT' OR OLD.state IS DISTINCT FROM NEW.state) THEN
    PERFORM "webhook_emit"('tool_call.completed', jsonb_build_object(
      'conversationId', NEW."conversationId",
      'toolCallId', NEW."toolCallId",
      'toolName', NEW."toolName",
      'model', NEW.model,
      'state', NEW.state,
      'input', NEW.input,
      'output', NEW.output,
      'error', NEW.error,
      'durationMs', NEW."durationMs"));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ToolCallLog_webhook_events" AFTER INSERT OR UPDATE OF state ON "ToolCallLog"
  FOR EACH ROW EXECUTE FUNCTION "webhook_tool_call_events"();
