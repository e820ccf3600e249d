/** The Responses API's own endpoints of stored responses, forwarded to the OpenAI or Azure channel that made them. */
package dev.tollgate.adapter.out.provider.responses;
