import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Composer, MAX_MESSAGE_LENGTH } from './Composer';

const sam = { id: 'p-me', name: 'Sam' };

describe('Composer', () => {
  it('sends on Enter and clears the box', async () => {
    const onSend = jest.fn();
    render(<Composer personas={[sam]} onSend={onSend} />);
    const box = screen.getByLabelText('Message');
    await userEvent.type(box, 'Hello there{Enter}');
    expect(onSend).toHaveBeenCalledWith(sam, 'Hello there');
    expect(box).toHaveValue('');
  });

  it('adds a new line on Shift+Enter instead of sending', async () => {
    const onSend = jest.fn();
    render(<Composer personas={[sam]} onSend={onSend} />);
    const box = screen.getByLabelText('Message');
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(onSend).not.toHaveBeenCalled();
    expect(box).toHaveValue('line one\nline two');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(sam, 'line one\nline two');
  });

  it('does not send blank messages', async () => {
    const onSend = jest.fn();
    render(<Composer personas={[sam]} onSend={onSend} />);
    await userEvent.type(screen.getByLabelText('Message'), '   {Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('counts characters and refuses to send past the limit', async () => {
    const onSend = jest.fn();
    render(<Composer personas={[sam]} onSend={onSend} />);
    const box = screen.getByLabelText('Message');
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(MAX_MESSAGE_LENGTH + 1));
    expect(screen.getByText(`${MAX_MESSAGE_LENGTH + 1} / ${MAX_MESSAGE_LENGTH}`)).toBeInTheDocument();
    expect(box).toHaveAttribute('aria-invalid', 'true');
    await userEvent.type(box, '{Enter}');
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('is disabled with the reason when the conversation has ended', () => {
    render(<Composer personas={[sam]} onSend={jest.fn()} disabledReason="This conversation has ended." />);
    const box = screen.getByLabelText('Message');
    expect(box).toBeDisabled();
    expect(box).toHaveAttribute('placeholder', 'This conversation has ended.');
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });

  it('reports typing as you write, and lets you pick which persona speaks', async () => {
    const onTyping = jest.fn();
    const onSend = jest.fn();
    const other = { id: 'p-2', name: 'Samantha' };
    render(<Composer personas={[sam, other]} onSend={onSend} onTyping={onTyping} />);
    await userEvent.selectOptions(screen.getByLabelText('Speak as'), 'p-2');
    await userEvent.type(screen.getByLabelText('Message'), 'hi{Enter}');
    expect(onTyping).toHaveBeenCalledWith(other);
    expect(onSend).toHaveBeenCalledWith(other, 'hi');
  });
});
